/** German texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// Every `{provider}` sits after "bei" or "mit", so the fallback is in the dative.
const de: OAuthConnectStrings = {
  lang: 'de',
  dir: 'ltr',
  provider: 'dem Anbieter',
  connect: 'Verbinden',
  connectWith: '{label} mit {provider}',
  opensWindow: 'Öffnet sich in einem neuen Fenster',
  waiting: 'Anmeldung bei {provider} läuft…',
  finishInOtherWindow: 'Schließen Sie die Anmeldung bei {provider} im anderen Fenster ab oder brechen Sie ab.',
  finishing: 'Verbindung wird hergestellt…',
  connected: 'Verbunden',
  connectedAs: 'Verbunden als {account}',
  cancel: 'Abbrechen',
  disconnect: 'Trennen',
  disconnecting: 'Wird getrennt…',
  moreInfo: 'Weitere Informationen',
  instanceLabel: 'Ihr Server',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Geben Sie die Adresse Ihres Servers ein.',
  instanceInvalid: 'Geben Sie eine Adresse wie https://events.example ein.',
  errorPopupBlocked:
    'Ihr Browser hat das Anmeldefenster blockiert. Erlauben Sie Pop-ups für diese Website und versuchen Sie es erneut.',
  errorInAppBrowser:
    'Die Anmeldung bei {provider} funktioniert nicht in dieser App. Öffnen Sie diese Seite in Ihrem Browser.',
  openInBrowser: 'Im Browser öffnen',
  errorTimeout: 'Die Anmeldung hat zu lange gedauert. Versuchen Sie es erneut.',
  errorDenied: 'Der Zugriff wurde nicht erlaubt.',
  errorProvider: 'Die Anmeldung bei {provider} ist fehlgeschlagen. Versuchen Sie es erneut.',
  errorSession: 'Ihre Sitzung ist abgelaufen. Laden Sie die Seite neu und versuchen Sie es erneut.',
  errorNetwork:
    'Die Verbindung konnte nicht hergestellt werden. Prüfen Sie Ihre Internetverbindung und versuchen Sie es erneut.',
  errorConfig: 'Diese Schaltfläche ist nicht richtig eingerichtet.',
  errorDisconnect: 'Das Konto konnte nicht getrennt werden. Versuchen Sie es erneut.',
  errorGeneric: 'Etwas ist schiefgelaufen. Versuchen Sie es erneut.',
};

registerTranslation(de);
