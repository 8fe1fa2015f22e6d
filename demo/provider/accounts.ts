/** The demo provider's only account. The login page shows these credentials. */
export const DEMO_ACCOUNT = {
  username: 'demo',
  password: 'demo-password',
  claims: { sub: 'demo-user-1', name: 'Dana Demo', email: 'dana@demo.test', email_verified: true },
};

export function findDemoAccount(username: string, password: string): typeof DEMO_ACCOUNT | undefined {
  return username === DEMO_ACCOUNT.username && password === DEMO_ACCOUNT.password ? DEMO_ACCOUNT : undefined;
}
