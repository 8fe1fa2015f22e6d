<?php
// The page with the button. Its session holds the CSRF token that exchange.php checks: the element reads it from
// <meta name="csrf-token"> and sends it as X-CSRF-TOKEN to this origin only. The provider's settings that are not
// secret come from the same environment variables as exchange.php's.
declare(strict_types=1);

session_start([
    'cookie_httponly' => true,
    'cookie_samesite' => 'Lax',
    'cookie_secure' => ($_SERVER['HTTPS'] ?? 'off') !== 'off',
    'use_strict_mode' => true,
]);
$_SESSION['csrf_token'] ??= bin2hex(random_bytes(32));
$setting = static fn (string $name): string => htmlspecialchars((string) getenv($name), ENT_QUOTES);
?>
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="csrf-token" content="<?= htmlspecialchars($_SESSION['csrf_token'], ENT_QUOTES) ?>">
    <title>Connect your account</title>
    <!-- dist/oauth-connect.bundle.js, copied to the public folder -->
    <script src="/oauth-connect.bundle.js"></script>
  </head>
  <body>
    <main>
      <oauth-connect
        provider="<?= $setting('OAUTH_PROVIDER_NAME') ?>"
        authorize-url="<?= $setting('OAUTH_AUTHORIZE_ENDPOINT') ?>"
        client-id="<?= $setting('OAUTH_CLIENT_ID') ?>"
        redirect-uri="<?= $setting('OAUTH_REDIRECT_URI') ?>"
        issuer="<?= $setting('OAUTH_ISSUER') ?>"
        scope="<?= $setting('OAUTH_SCOPE') ?>"
        exchange-url="/exchange.php"
      ></oauth-connect>
      <p id="connection">Not connected.</p>
    </main>
    <script>
      document.addEventListener('oauth-connect-success', ({ detail }) => {
        const { account } = detail.response;
        document.querySelector('#connection').textContent = account ? `Connected as ${account}.` : 'Connected.';
      });
    </script>
  </body>
</html>
