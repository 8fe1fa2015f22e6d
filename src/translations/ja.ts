/** Japanese texts for `<oauth-connect>`; importing this module (or loading it as a script) registers them. */
import { registerTranslation } from '../i18n/registry.js';
import type { OAuthConnectStrings } from '../i18n/strings.js';

const ja: OAuthConnectStrings = {
  lang: 'ja',
  dir: 'ltr',
  provider: 'プロバイダー',
  connect: '連携する',
  connectWith: '{provider}と{label}',
  opensWindow: '新しいウィンドウで開きます',
  waiting: '{provider}の応答を待っています…',
  finishInOtherWindow: 'もう一方のウィンドウで{provider}へのログインを完了するか、キャンセルしてください。',
  finishing: '連携を完了しています…',
  connected: '連携済み',
  connectedAs: '{account}として連携済み',
  cancel: 'キャンセル',
  disconnect: '連携を解除',
  disconnecting: '連携を解除しています…',
  moreInfo: '詳細情報',
  instanceLabel: 'ご利用のサーバー',
  instancePlaceholder: 'https://events.example',
  instanceRequired: 'サーバーのアドレスを入力してください。',
  instanceInvalid: 'https://events.example のような形式でアドレスを入力してください。',
  errorPopupBlocked:
    'ブラウザーがログイン用のウィンドウをブロックしました。このサイトのポップアップを許可して、もう一度お試しください。',
  errorInAppBrowser: 'このアプリ内では{provider}へのログインはできません。このページをブラウザーで開いてください。',
  openInBrowser: 'ブラウザーで開く',
  errorTimeout: 'ログインに時間がかかりすぎました。もう一度お試しください。',
  errorDenied: 'アクセスが許可されませんでした。',
  errorProvider: '{provider}へのログインに失敗しました。もう一度お試しください。',
  errorSession: 'セッションの有効期限が切れました。ページを再読み込みして、もう一度お試しください。',
  errorNetwork: '連携を完了できませんでした。インターネット接続を確認して、もう一度お試しください。',
  errorConfig: 'このボタンは正しく設定されていません。',
  errorDisconnect: 'アカウントの連携を解除できませんでした。もう一度お試しください。',
  errorGeneric: '問題が発生しました。もう一度お試しください。',
};

registerTranslation(ja);
