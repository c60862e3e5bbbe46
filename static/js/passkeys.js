// Passkeys (arena/passkeys.py): django-otp-webauthn's script, loaded after this one, asks
// `gettext` for its English texts; these are ours, translated on the server. A refusal the
// script does not read (when a ceremony cannot start) is shown as the server said it.
const texts = JSON.parse(document.getElementById("passkey-texts").textContent);
window.gettext = (text) => texts[text] ?? text;

document.addEventListener("otp_webauthn.register_complete", () => {
  window.location.assign(window.location.pathname); // the list with the new passkey
});

document.addEventListener("otp_webauthn.verification_failed", async (event) => {
  const response = event.detail && event.detail.response;
  const status = document.getElementById("passkey-verification-status-message");
  if (!response || response.bodyUsed || !status) return;
  try {
    const body = await response.json();
    if (body.detail) status.textContent = body.detail;
  } catch {
    // Not JSON: the script's own text stays.
  }
});
