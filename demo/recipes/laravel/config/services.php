<?php
// config/services.php: the provider beside your other services. The secret comes from .env, never from a page.

return [
    'kanka' => [
        'authorize_endpoint' => 'https://kanka.io/oauth/authorize',
        'token_endpoint' => 'https://kanka.io/oauth/token',
        'profile_endpoint' => 'https://api.kanka.io/1.0/profile',
        'client_id' => env('KANKA_CLIENT_ID'),
        'client_secret' => env('KANKA_CLIENT_SECRET'),
        // Registered at Kanka as the client's callback URL; the element and the token request use it as it is.
        'redirect' => env('APP_URL') . '/oauth/callback/kanka',
    ],
];
