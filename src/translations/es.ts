/** Spanish texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// Every `{provider}` follows "en" or "con", never "a" or "de": no "al" or "del" to agree with.
const es: OAuthConnectStrings = {
  lang: 'es',
  dir: 'ltr',
  provider: 'el proveedor',
  connect: 'Conectar',
  connectWith: '{label} con {provider}',
  opensWindow: 'Se abre en una ventana nueva',
  waiting: 'Iniciando sesión en {provider}…',
  finishInOtherWindow: 'Termina de iniciar sesión en {provider} en la otra ventana o cancela.',
  finishing: 'Completando la conexión…',
  connected: 'Conectado',
  connectedAs: 'Conectado como {account}',
  cancel: 'Cancelar',
  disconnect: 'Desconectar',
  disconnecting: 'Desconectando…',
  moreInfo: 'Más información',
  instanceLabel: 'Tu servidor',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Introduce la dirección de tu servidor.',
  instanceInvalid: 'Introduce una dirección como https://events.example.',
  errorPopupBlocked:
    'Tu navegador ha bloqueado la ventana de inicio de sesión. Permite las ventanas emergentes para este sitio e ' +
    'inténtalo de nuevo.',
  errorInAppBrowser:
    'No se puede iniciar sesión en {provider} dentro de esta aplicación. Abre esta página en tu navegador.',
  openInBrowser: 'Abrir en el navegador',
  errorTimeout: 'El inicio de sesión ha tardado demasiado. Inténtalo de nuevo.',
  errorDenied: 'No se ha concedido el acceso.',
  errorProvider: 'No se ha podido iniciar sesión en {provider}. Inténtalo de nuevo.',
  errorSession: 'Tu sesión ha caducado. Recarga la página e inténtalo de nuevo.',
  errorNetwork: 'No se ha podido completar la conexión. Comprueba tu conexión a Internet e inténtalo de nuevo.',
  errorConfig: 'Este botón no está bien configurado.',
  errorDisconnect: 'No se ha podido desconectar la cuenta. Inténtalo de nuevo.',
  errorGeneric: 'Algo ha salido mal. Inténtalo de nuevo.',
};

registerTranslation(es);
