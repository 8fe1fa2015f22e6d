import { handleCallback } from 'oauth-connect/callback';

handleCallback();
