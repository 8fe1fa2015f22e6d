/** French texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

// Every `{provider}` follows "à" or "avec", never "de": no "du" or "d’" to agree with a provider's name.
const fr: OAuthConnectStrings = {
  lang: 'fr',
  dir: 'ltr',
  provider: 'votre fournisseur',
  connect: 'Connecter',
  connectWith: '{label} avec {provider}',
  opensWindow: 'S’ouvre dans une nouvelle fenêtre',
  waiting: 'Connexion à {provider} en cours…',
  finishInOtherWindow: 'Terminez la connexion à {provider} dans l’autre fenêtre, ou annulez.',
  finishing: 'Finalisation de la connexion…',
  connected: 'Connecté',
  connectedAs: 'Connecté en tant que {account}',
  cancel: 'Annuler',
  disconnect: 'Déconnecter',
  disconnecting: 'Déconnexion…',
  moreInfo: 'En savoir plus',
  instanceLabel: 'Votre serveur',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'Saisissez l’adresse de votre serveur.',
  instanceInvalid: 'Saisissez une adresse comme https://events.example.',
  errorPopupBlocked:
    'Votre navigateur a bloqué la fenêtre de connexion. Autorisez les fenêtres pop-up pour ce site et réessayez.',
  errorInAppBrowser:
    'La connexion à {provider} ne fonctionne pas dans cette application. Ouvrez cette page dans votre navigateur.',
  openInBrowser: 'Ouvrir dans le navigateur',
  errorTimeout: 'La connexion a pris trop de temps. Réessayez.',
  errorDenied: 'L’accès n’a pas été accordé.',
  errorProvider: 'La connexion à {provider} n’a pas abouti. Réessayez.',
  errorSession: 'Votre session a expiré. Rechargez la page et réessayez.',
  errorNetwork: 'Impossible de terminer la connexion. Vérifiez votre connexion Internet et réessayez.',
  errorConfig: 'Ce bouton n’est pas configuré correctement.',
  errorDisconnect: 'Le compte n’a pas pu être déconnecté. Réessayez.',
  errorGeneric: 'Une erreur s’est produite. Réessayez.',
};

registerTranslation(fr);
