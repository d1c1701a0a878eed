"""Who uses the portal: roles, sign-in, the store each staff member works at, demo logins."""
