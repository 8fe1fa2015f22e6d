<?php
// POST /exchange.php: the endpoint <oauth-connect exchange-url="/exchange.php"> sends the authorization code to.
// It checks the request, redeems the code once at the provider's token endpoint with the client secret
// (RFC 6749 section 4.1.3), keeps the tokens in the session and answers who connected, never the tokens.
// Plain PHP 8.1+ (json, session; openssl for an https token endpoint). The page, its callback page and this
// endpoint share one origin, the redirect URI's.
declare(strict_types=1);

$config = [
    'token_endpoint' => (string) getenv('OAUTH_TOKEN_ENDPOINT'),       // https in production
    'userinfo_endpoint' => (string) getenv('OAUTH_USERINFO_ENDPOINT'), // optional: asked for the account's name
    'issuer' => (string) getenv('OAUTH_ISSUER'),                       // optional: OpenID Connect, RFC 9207
    'client_id' => (string) getenv('OAUTH_CLIENT_ID'),
    'client_secret' => (string) getenv('OAUTH_CLIENT_SECRET'),
    'client_auth' => getenv('OAUTH_CLIENT_AUTH') ?: 'client_secret_basic', // or client_secret_post
    'redirect_uri' => (string) getenv('OAUTH_REDIRECT_URI'),
    // One marker file per code submitted. Several servers: use an atomic insert into a shared store instead.
    'used_codes_dir' => getenv('OAUTH_USED_CODES_DIR') ?: sys_get_temp_dir() . '/oauth-connect-used-codes',
];

function answer(int $status, array $body): never
{
    http_response_code($status);
    header('Content-Type: application/json');
    header('Cache-Control: no-store');
    echo json_encode($body, JSON_UNESCAPED_SLASHES);
    exit;
}

/** An error as RFC 6749 section 5.2 shapes it; the element passes the description on in its error event. */
function refuse(int $status, string $error, string $description): never
{
    answer($status, ['error' => $error, 'error_description' => $description]);
}

/** One request to the provider: no redirects, a timeout, at most 1 MiB read. Returns [HTTP status, JSON or null]. */
function provider_request(string $url, string $method, array $headers, string $content = ''): array
{
    $context = stream_context_create(['http' => [
        'method' => $method,
        'header' => implode("\r\n", [...$headers, 'Accept: application/json']),
        'content' => $content,
        'timeout' => 10,
        'follow_location' => 0,
        'ignore_errors' => true, // read the body of an error answer too
    ]]);
    $body = @file_get_contents($url, false, $context, 0, 1 << 20);
    $status = preg_match('{^HTTP/\S+ (\d{3})}', $http_response_header[0] ?? '', $match) ? (int) $match[1] : 0;
    $json = is_string($body) ? json_decode($body, true) : null;
    return [$status, is_array($json) ? $json : null];
}

$required = [$config['token_endpoint'], $config['client_id'], $config['client_secret'], $config['redirect_uri']];
if (in_array('', $required, true)) {
    refuse(500, 'server_error', 'the exchange endpoint is not configured');
}
if ($_SERVER['REQUEST_METHOD'] !== 'POST') {
    header('Allow: POST');
    refuse(405, 'invalid_request', 'only POST');
}
// Another site can send JSON only after a CORS preflight, which this endpoint never answers (Fetch standard).
if (strtolower(trim(explode(';', $_SERVER['CONTENT_TYPE'] ?? '')[0])) !== 'application/json') {
    refuse(415, 'invalid_request', 'the body must be application/json');
}
$own = parse_url($config['redirect_uri']);
$ownOrigin = $own['scheme'] . '://' . $own['host'] . (isset($own['port']) ? ':' . $own['port'] : '');
if (isset($_SERVER['HTTP_ORIGIN']) && $_SERVER['HTTP_ORIGIN'] !== $ownOrigin) {
    refuse(403, 'invalid_request', 'cross-origin request');
}
session_start([
    'cookie_httponly' => true,
    'cookie_samesite' => 'Lax',
    'cookie_secure' => ($_SERVER['HTTPS'] ?? 'off') !== 'off',
    'use_strict_mode' => true,
]);
// The token the page put in <meta name="csrf-token">, which the element sends back as X-CSRF-TOKEN.
$csrfToken = $_SESSION['csrf_token'] ?? '';
if (!is_string($csrfToken) || $csrfToken === '' || !hash_equals($csrfToken, $_SERVER['HTTP_X_CSRF_TOKEN'] ?? '')) {
    refuse(403, 'invalid_request', 'the session expired or the CSRF token is wrong; reload the page');
}

$raw = (string) file_get_contents('php://input', false, null, 0, 16385);
if (strlen($raw) > 16384) {
    refuse(413, 'invalid_request', 'the body is over 16 KiB');
}
$body = json_decode($raw, true, 2);
if (!is_array($body)) {
    refuse(400, 'invalid_request', 'the body must be a JSON object of strings');
}
$shapes = [
    'code' => '/^[\x20-\x7e]{1,4096}\z/',          // RFC 6749 appendix A.11
    'state' => '/^[A-Za-z0-9._~-]{8,512}\z/',
    'code_verifier' => '/^[A-Za-z0-9._~-]{43,128}\z/', // RFC 7636 section 4.1
    'redirect_uri' => '/^https?:\/\/[\x21-\x7e]{1,2040}\z/',
    'iss' => '/^https?:\/\/[\x21-\x7e]{1,2040}\z/',
    'nonce' => '/^[A-Za-z0-9._~-]{8,512}\z/',
];
foreach ($shapes as $name => $pattern) {
    $value = $body[$name] ?? null;
    if ($value === null && in_array($name, ['code', 'state', 'code_verifier', 'redirect_uri'], true)) {
        refuse(400, 'invalid_request', "\"$name\" is required");
    }
    if ($value !== null && (!is_string($value) || !preg_match($pattern, $value))) {
        refuse(400, 'invalid_request', "\"$name\" has the wrong shape");
    }
}
// The element has already matched `state` to its attempt (RFC 6749 section 10.12).
if ($body['redirect_uri'] !== $config['redirect_uri']) {
    refuse(400, 'invalid_request', 'another redirect_uri');
}
if (isset($body['iss']) && $config['issuer'] !== '' && $body['iss'] !== $config['issuer']) {
    refuse(400, 'invalid_request', 'a response from another issuer'); // mix-up, RFC 9207
}

// Each code goes to the token endpoint once: fopen 'x' creates the marker, or fails when it exists.
$dir = $config['used_codes_dir'];
if (!is_dir($dir) && !@mkdir($dir, 0700, true) && !is_dir($dir)) {
    refuse(500, 'server_error', 'used codes cannot be remembered');
}
foreach (glob("$dir/*") ?: [] as $old) {
    if (@filemtime($old) < time() - 600) {
        @unlink($old); // codes live at most 10 minutes (RFC 6749 section 4.1.2)
    }
}
$marker = @fopen($dir . '/' . hash('sha256', $body['code']), 'x');
if ($marker === false) {
    refuse(400, 'invalid_grant', 'this code was already submitted');
}
fclose($marker);

$form = [
    'grant_type' => 'authorization_code',
    'code' => $body['code'],
    'redirect_uri' => $config['redirect_uri'],
    'code_verifier' => $body['code_verifier'],
];
$headers = ['Content-Type: application/x-www-form-urlencoded'];
if ($config['client_auth'] === 'client_secret_post') {
    $form += ['client_id' => $config['client_id'], 'client_secret' => $config['client_secret']];
} else { // client_secret_basic, each half form-encoded first (RFC 6749 section 2.3.1)
    $credentials = urlencode($config['client_id']) . ':' . urlencode($config['client_secret']);
    $headers[] = 'Authorization: Basic ' . base64_encode($credentials);
}
[$status, $tokens] = provider_request($config['token_endpoint'], 'POST', $headers, http_build_query($form));
if ($status === 0) {
    refuse(502, 'temporarily_unavailable', 'the provider could not be reached');
}
if ($status !== 200 || !is_string($tokens['access_token'] ?? null)) {
    $error = is_string($tokens['error'] ?? null) && preg_match('/^[a-z_]{1,64}\z/', $tokens['error'])
        ? $tokens['error'] // its error code, never its text
        : 'invalid_response';
    refuse(502, $error, 'the provider refused the code');
}

$claims = [];
if (isset($tokens['id_token'])) {
    // Straight from the token endpoint over TLS, which vouches for the issuer in place of the signature
    // (OpenID Connect Core 1.0 section 3.1.3.7, step 6); the claims are still checked.
    $payload = explode('.', (string) $tokens['id_token'])[1] ?? '';
    $claims = json_decode((string) base64_decode(strtr($payload, '-_', '+/')), true);
    if (
        !is_array($claims)
        || ($config['issuer'] !== '' && ($claims['iss'] ?? null) !== $config['issuer'])
        || !in_array($config['client_id'], (array) ($claims['aud'] ?? []), true)
        || !is_int($claims['exp'] ?? null) || $claims['exp'] < time()
        || ($claims['nonce'] ?? null) !== ($body['nonce'] ?? null)
    ) {
        refuse(502, 'invalid_id_token', 'the ID Token is not for this sign-in');
    }
}
$nameIn = static fn (array $claims) => $claims['name'] ?? $claims['preferred_username'] ?? $claims['email'] ?? null;
$account = $nameIn($claims);
if ($account === null && $config['userinfo_endpoint'] !== '') {
    $bearer = ['Authorization: Bearer ' . $tokens['access_token']];
    [$status, $userinfo] = provider_request($config['userinfo_endpoint'], 'GET', $bearer);
    // The UserInfo `sub` must be the ID Token's (OpenID Connect Core 1.0 section 5.3.2).
    $sameUser = !isset($claims['sub']) || ($userinfo['sub'] ?? null) === $claims['sub'];
    if ($status === 200 && is_array($userinfo) && $sameUser) {
        $account = $nameIn($userinfo);
    }
}

$_SESSION['oauth_tokens'] = $tokens + ['received_at' => time()]; // or your database, for the signed-in user
answer(200, is_string($account) ? ['connected' => true, 'account' => $account] : ['connected' => true]);
