import pytest
from django.urls import reverse
from tests.conftest import ROLES

pytestmark = pytest.mark.django_db

NAMES = """account_login account_logout account_inactive account_signup account_reauthenticate account_request_reauthentication_code account_confirm_reauthentication_code account_email account_email_verification_sent account_change_password account_set_password account_reset_password account_confirm_login_code account_reset_password_from_key_done account_reset_password_done account_request_login_code mfa_index mfa_authenticate mfa_reauthenticate mfa_activate_totp mfa_deactivate_totp mfa_view_recovery_codes mfa_generate_recovery_codes mfa_download_recovery_codes""".split()

@pytest.mark.parametrize("role", ROLES)
def test_probe(role, client_as, conference, partner_org):
    out = []
    for name in NAMES + ["account_confirm_email", "account_reset_password_from_key"]:
        client = client_as(role)
        if name == "account_confirm_email":
            url = reverse(name, args=["MTI:1tWbWb:made-up-key"])
        elif name == "account_reset_password_from_key":
            url = reverse(name, kwargs={"uidb36": "2s", "key": "set-password"})
        else:
            url = reverse(name)
        try:
            r = client.get(url)
            out.append(f"{role:15} {name:40} {r.status_code} {r.get('Location','')}")
        except Exception as e:
            out.append(f"{role:15} {name:40} EXC {e!r}")
    print("\n" + "\n".join(out))
