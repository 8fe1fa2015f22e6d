/** Polish texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// A provider's name cannot be declined: it stands beside "serwisu"/"serwisem", which carry the case.
const pl: OAuthConnectStrings = {
  lang: 'pl',
  dir: 'ltr',
  provider: 'dostawcy',
  connect: 'Połącz',
  connectWith: '{label} z serwisem {provider}',
  opensWindow: 'Otwiera się w nowym oknie',
  waiting: 'Oczekiwanie na logowanie do serwisu {provider}…',
  finishInOtherWindow: 'Dokończ logowanie do serwisu {provider} w drugim oknie lub anuluj.',
  finishing: 'Kończenie łączenia…',
  connected: 'Połączono',
  connectedAs: 'Połączono jako {account}',
  cancel: 'Anuluj',
  disconnect: 'Rozłącz',
  disconnecting: 'Rozłączanie…',
  moreInfo: 'Więcej informacji',
  instanceLabel: 'Twój serwer',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Wpisz adres swojego serwera.',
  instanceInvalid: 'Wpisz adres, na przykład https://events.example.',
  errorPopupBlocked:
    'Przeglądarka zablokowała okno logowania. Zezwól na wyskakujące okienka dla tej witryny i spróbuj ponownie.',
  errorInAppBrowser: 'Logowanie do serwisu {provider} nie działa w tej aplikacji. Otwórz tę stronę w przeglądarce.',
  openInBrowser: 'Otwórz w przeglądarce',
  errorTimeout: 'Logowanie trwało zbyt długo. Spróbuj ponownie.',
  errorDenied: 'Nie udzielono dostępu.',
  errorProvider: 'Logowanie do serwisu {provider} nie powiodło się. Spróbuj ponownie.',
  errorSession: 'Sesja wygasła. Odśwież stronę i spróbuj ponownie.',
  errorNetwork: 'Nie udało się nawiązać połączenia. Sprawdź połączenie z internetem i spróbuj ponownie.',
  errorConfig: 'Ten przycisk nie jest poprawnie skonfigurowany.',
  errorDisconnect: 'Nie udało się odłączyć konta. Spróbuj ponownie.',
  errorGeneric: 'Coś poszło nie tak. Spróbuj ponownie.',
};

registerTranslation(pl);
