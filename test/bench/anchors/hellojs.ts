// hello.js core (no provider modules), the file its own script-tag build starts from.
// @ts-expect-error hello.js ships no types.
import hello from 'hellojs/dist/hello.js';

export { hello };
