"""Existing writes get their target from their kind; read-back results take the names the
create's look-up uses (applied -> found, not_applied -> absent)."""

from django.db import migrations

WAITLIST_ADD, WAITLIST_FULFIL = "waitlist_add", "waitlist_fulfil"


def _target(write) -> str:
    if write.kind == WAITLIST_ADD:
        body = write.body or {}
        place = (body.get("location_id"), body.get("appointment_definition_id"), body.get("profile_id"))
        return "waitlist:{}:{}:{}".format(*place)
    if write.kind == WAITLIST_FULFIL:
        return f"waitlist-entry:{write.waitlist_entry_id}"
    return f"appointment:{write.appointment_id}"


def targets_and_results(apps, schema_editor):
    model = apps.get_model("writes", "AppointmentWrite")
    renamed = {"applied": "found", "not_applied": "absent"}
    for write in model.objects.all().iterator():
        write.target = _target(write)
        write.check_result = renamed.get(write.check_result, write.check_result)
        write.save(update_fields=["target", "check_result"])
    # Two old unsettled writes to one target: only the newest stays unsettled-looking.
    seen = set()
    unsettled = model.objects.filter(outcome__in=("pending", "unknown")).order_by("-created_at")
    for write in unsettled:
        if write.target in seen:
            write.target = f"{write.target}:superseded:{write.pk}"
            write.save(update_fields=["target"])
        seen.add(write.target)


def results_back(apps, schema_editor):
    model = apps.get_model("writes", "AppointmentWrite")
    model.objects.filter(check_result="found").update(check_result="applied")
    model.objects.filter(check_result="absent").update(check_result="not_applied")


class Migration(migrations.Migration):

    dependencies = [("writes", "0004_one_write_pipeline")]

    operations = [migrations.RunPython(targets_and_results, results_back)]
