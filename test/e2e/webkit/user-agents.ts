/** What browsers on an iPhone say they are, for sessions that stand in for them (`webkitOptions.userAgent`). */

/** Safari 18.5 on iOS 18.5: a browser, where the popup works. */
export const IPHONE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.5 ' +
  'Mobile/15E148 Safari/604.1';

/** Instagram's in-app browser on the same iPhone: a webview, where a popup opens dead or not at all. */
export const INSTAGRAM_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/22F76 ' +
  'Instagram 393.1.0.36.70 (iPhone15,3; iOS 18_5; en_US; en; scale=3.00; 1290x2796; IABMV/1; 776538208) Safari/604.1';
