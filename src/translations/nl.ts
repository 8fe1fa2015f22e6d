/** Dutch texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

const nl: OAuthConnectStrings = {
  lang: 'nl',
  dir: 'ltr',
  provider: 'de aanbieder',
  connect: 'Verbinden',
  connectWith: '{label} met {provider}',
  opensWindow: 'Opent in een nieuw venster',
  waiting: 'Wachten op {provider}…',
  finishInOtherWindow: 'Rond het inloggen bij {provider} af in het andere venster, of annuleer.',
  finishing: 'Verbinding wordt voltooid…',
  connected: 'Verbonden',
  connectedAs: 'Verbonden als {account}',
  cancel: 'Annuleren',
  disconnect: 'Ontkoppelen',
  disconnecting: 'Bezig met ontkoppelen…',
  moreInfo: 'Meer informatie',
  instanceLabel: 'Je server',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Vul het adres van je server in.',
  instanceInvalid: 'Vul een adres in zoals https://events.example.',
  errorPopupBlocked:
    'Je browser heeft het inlogvenster geblokkeerd. Sta pop-ups toe voor deze site en probeer het opnieuw.',
  errorInAppBrowser: 'Inloggen bij {provider} werkt niet in deze app. Open deze pagina in je browser.',
  openInBrowser: 'Openen in browser',
  errorTimeout: 'Inloggen duurde te lang. Probeer het opnieuw.',
  errorDenied: 'Er is geen toegang verleend.',
  errorProvider: 'Inloggen bij {provider} is niet gelukt. Probeer het opnieuw.',
  errorSession: 'Je sessie is verlopen. Laad de pagina opnieuw en probeer het nog eens.',
  errorNetwork: 'De verbinding kon niet worden voltooid. Controleer je internetverbinding en probeer het opnieuw.',
  errorConfig: 'Deze knop is niet goed ingesteld.',
  errorDisconnect: 'Het account kon niet worden ontkoppeld. Probeer het opnieuw.',
  errorGeneric: 'Er is iets misgegaan. Probeer het opnieuw.',
};

registerTranslation(nl);
