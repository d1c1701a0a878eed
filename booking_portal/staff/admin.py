"""Booking admins link portal users to their Omneo staff profile and stores."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin

from booking_portal.omneo.errors import OmneoError
from booking_portal.omneo.reads.catalogue import StaffAtStores, location_list

from .links import staff_search
from .models import StaffLink

OMNEO_UNREACHABLE = "Omneo could not be asked just now: the current values are kept."
TAKEN = "Another portal user is linked to this Omneo staff member."
NO_STAFF_FOUND = "No Omneo staff member matches “{term}”."


def _staff_label(member: StaffAtStores) -> str:
    email = f" · {member.person.email}" if member.person.email else ""
    return f"{member.person.display_name}{email} · {member.person.id}"


class StaffLinkForm(forms.ModelForm):
    """The Omneo staff member chosen from a search of Omneo's staff, and the stores from Omneo."""

    staff_search = forms.CharField(
        label="Find in Omneo",
        required=False,
        help_text="A name or email; save (and continue editing) to list the matches below.",
    )
    omneo_staff = forms.ChoiceField(label="Omneo staff member", required=False)
    stores_from_omneo = forms.BooleanField(
        label="Take the stores from Omneo",
        required=False,
        help_text="Replace the stores below with those Omneo has this staff member working at.",
    )
    location_ids = forms.TypedMultipleChoiceField(
        label="Stores", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = StaffLink
        fields = ("user", "location_ids")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.problems: list[str] = []
        self.found: dict[str, StaffAtStores] = {}
        link = self.instance
        term = self.data.get("staff_search") or (link.omneo_staff_name if link.pk else "")
        try:
            self.found = {m.person.id: m for m in staff_search(term=term)} if term else {}
        except OmneoError:
            self.problems.append(OMNEO_UNREACHABLE)
        choices = [("", "— none —")] + [(key, _staff_label(m)) for key, m in self.found.items()]
        if link.omneo_staff_id and link.omneo_staff_id not in self.found:
            choices.append((link.omneo_staff_id, link.omneo_staff_name or link.omneo_staff_id))
        if term and not self.found and not self.problems:
            self.problems.append(NO_STAFF_FOUND.format(term=term))
        self.fields["omneo_staff"].choices = choices
        self.fields["omneo_staff"].initial = link.omneo_staff_id
        self.fields["location_ids"].choices = self._store_choices(link)
        if self.problems:
            self.fields["staff_search"].help_text = " ".join(self.problems)

    def clean_omneo_staff(self) -> str:
        chosen = self.cleaned_data.get("omneo_staff") or ""
        others = StaffLink.objects.filter(omneo_staff_id=chosen).exclude(pk=self.instance.pk)
        if chosen and others.exists():
            raise forms.ValidationError(TAKEN)
        return chosen

    def _store_choices(self, link: StaffLink) -> list[tuple[int, str]]:
        try:
            stores = [(store.id, f"{store.name} ({store.id})") for store in location_list()]
        except OmneoError:
            self.problems.append(OMNEO_UNREACHABLE)
            stores = []
        known = {store_id for store_id, _ in stores}
        return stores + [(s, f"Store {s}") for s in sorted(link.stores) if s not in known]

    def save(self, commit: bool = True) -> StaffLink:
        link = super().save(commit=False)
        chosen = self.cleaned_data.get("omneo_staff") or ""
        member = self.found.get(chosen)
        if chosen != link.omneo_staff_id:
            link.omneo_staff_id = chosen
            link.omneo_staff_name = member.person.display_name if member else ""
        if member and self.cleaned_data.get("stores_from_omneo"):
            link.location_ids = sorted(member.location_ids)
        else:
            link.location_ids = sorted(self.cleaned_data.get("location_ids") or [])
        if commit:
            link.save()
        return link


@admin.register(StaffLink)
class StaffLinkAdmin(admin.ModelAdmin):
    form = StaffLinkForm
    fields = ("user", "staff_search", "omneo_staff", "stores_from_omneo", "location_ids")
    list_display = ("user", "omneo_staff_name", "omneo_staff_id", "stores_listed", "updated_at")
    search_fields = ("user__username", "user__email", "omneo_staff_name", "=omneo_staff_id")
    search_help_text = "Username, email, Omneo staff name or Omneo staff id."
    list_select_related = ("user",)
    show_facets = admin.ShowFacets.ALWAYS

    @admin.display(description="Stores")
    def stores_listed(self, link: StaffLink) -> str:
        return ", ".join(str(store) for store in sorted(link.stores)) or "—"
