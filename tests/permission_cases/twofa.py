"""Cases for two-factor sign-in (arena/twofa.py): one's own authenticator app is a page of
every signed-in user, whatever their arenas; the sign-in's second step without a right password
first sends everyone back to sign in."""

from tests.permission_cases import Case, everyone, staff

ACCOUNT_PAGE = {**staff(200), "facilitator_other_arena": 200}
# No device: removing sends back to the set-up page; anonymous and participants to sign in.
ACCOUNT_POST_NOTHING_TO_REMOVE = {**staff(302), "facilitator_other_arena": 302}

CASES = [
    Case("twofa-verify", everyone(302)),
    Case("twofa-verify", everyone(302), method="post", data=lambda world: {"otp_token": "1"}),
    Case("twofa-setup", ACCOUNT_PAGE),
    # A wrong code: the page again with the error, and no device.
    Case("twofa-setup", ACCOUNT_PAGE, method="post", data=lambda world: {"otp_token": "1"}),
    Case("twofa-remove", {**staff(405), "facilitator_other_arena": 405}),
    Case("twofa-remove", ACCOUNT_POST_NOTHING_TO_REMOVE, method="post"),
]
