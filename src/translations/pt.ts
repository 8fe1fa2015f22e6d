/**
 * Portuguese texts for `<oauth-connect>`, worded for Brazil; importing this module (or loading it as a script)
 * registers them. Register `pt-PT` texts on top for Portugal: the missing ones come from these.
 */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// Every `{provider}` is an object or follows "com", never "de" or "em": no "do" or "no" to agree with.
const pt: OAuthConnectStrings = {
  lang: 'pt',
  dir: 'ltr',
  provider: 'o provedor',
  connect: 'Conectar',
  connectWith: '{label} com {provider}',
  opensWindow: 'Abre em uma nova janela',
  waiting: 'Aguardando {provider}…',
  finishInOtherWindow: 'Conclua o login com {provider} na outra janela ou cancele.',
  finishing: 'Concluindo a conexão…',
  connected: 'Conectado',
  connectedAs: 'Conectado como {account}',
  cancel: 'Cancelar',
  disconnect: 'Desconectar',
  disconnecting: 'Desconectando…',
  moreInfo: 'Mais informações',
  instanceLabel: 'Seu servidor',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Digite o endereço do seu servidor.',
  instanceInvalid: 'Digite um endereço como https://events.example.',
  errorPopupBlocked: 'Seu navegador bloqueou a janela de login. Permita pop-ups para este site e tente novamente.',
  errorInAppBrowser: 'O login com {provider} não funciona dentro deste app. Abra esta página no seu navegador.',
  openInBrowser: 'Abrir no navegador',
  errorTimeout: 'O login demorou demais. Tente novamente.',
  errorDenied: 'O acesso não foi concedido.',
  errorProvider: 'Não foi possível fazer login com {provider}. Tente novamente.',
  errorSession: 'Sua sessão expirou. Recarregue a página e tente novamente.',
  errorNetwork: 'Não foi possível concluir a conexão. Verifique sua conexão com a internet e tente novamente.',
  errorConfig: 'Este botão não está configurado corretamente.',
  errorDisconnect: 'Não foi possível desconectar a conta. Tente novamente.',
  errorGeneric: 'Algo deu errado. Tente novamente.',
};

registerTranslation(pt);
