<?php
// Router for `php -S` in the tests: serves the two built scripts from dist/, as a deployment serves the copies in
// its public folder; everything else is the recipe's own files (returning false lets the server handle them).
declare(strict_types=1);

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
if (in_array($path, ['/oauth-connect.bundle.js', '/oauth-connect-callback.js'], true)) {
    $file = dirname(__DIR__, 3) . '/dist' . $path;
    if (!is_file($file)) {
        http_response_code(404);
        exit('Not found. Run "npm run build" first.');
    }
    header('Content-Type: text/javascript; charset=utf-8');
    readfile($file);
    return true;
}
return false;
