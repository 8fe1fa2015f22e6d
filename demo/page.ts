import '../src/oauth-connect.js';
import { describeEvent, showConnection } from './event-log.js';

const EVENTS = ['oauth-connect-start', 'oauth-connect-code', 'oauth-connect-success', 'oauth-connect-error', 'oauth-connect-cancel'];
const log = document.querySelector('#event-log')!;
const connection = document.querySelector('#connection')!;

for (const type of EVENTS) {
  document.addEventListener(type, (event) => {
    const item = document.createElement('li');
    item.textContent = describeEvent(event as CustomEvent);
    log.append(item);
    if (type === 'oauth-connect-success') showConnection(connection, (event as CustomEvent).detail.response);
  });
}
