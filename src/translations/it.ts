/** Italian texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// Every `{provider}` follows "con", which never merges with an article ("al", "sul").
const it: OAuthConnectStrings = {
  lang: 'it',
  dir: 'ltr',
  provider: 'il provider',
  connect: 'Connetti',
  connectWith: '{label} con {provider}',
  opensWindow: 'Si apre in una nuova finestra',
  waiting: 'Accesso con {provider} in corso…',
  finishInOtherWindow: 'Completa l’accesso con {provider} nell’altra finestra oppure annulla.',
  finishing: 'Completamento della connessione…',
  connected: 'Connesso',
  connectedAs: 'Connesso come {account}',
  cancel: 'Annulla',
  disconnect: 'Disconnetti',
  disconnecting: 'Disconnessione…',
  moreInfo: 'Ulteriori informazioni',
  instanceLabel: 'Il tuo server',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Inserisci l’indirizzo del tuo server.',
  instanceInvalid: 'Inserisci un indirizzo come https://events.example.',
  errorPopupBlocked: 'Il browser ha bloccato la finestra di accesso. Consenti i pop-up per questo sito e riprova.',
  errorInAppBrowser: 'L’accesso con {provider} non funziona all’interno di questa app. Apri questa pagina nel browser.',
  openInBrowser: 'Apri nel browser',
  errorTimeout: 'L’accesso ha richiesto troppo tempo. Riprova.',
  errorDenied: 'L’accesso non è stato concesso.',
  errorProvider: 'L’accesso con {provider} non è riuscito. Riprova.',
  errorSession: 'La sessione è scaduta. Ricarica la pagina e riprova.',
  errorNetwork: 'Impossibile completare la connessione. Controlla la connessione a Internet e riprova.',
  errorConfig: 'Questo pulsante non è configurato correttamente.',
  errorDisconnect: 'Impossibile disconnettere l’account. Riprova.',
  errorGeneric: 'Si è verificato un errore. Riprova.',
};

registerTranslation(it);
