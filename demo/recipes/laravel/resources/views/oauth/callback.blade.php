{{-- resources/views/oauth/callback.blade.php: the redirect URI. Nothing else on it: no layout, no other scripts. --}}
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <title>Finishing sign-in</title>
    <script src="{{ asset('vendor/oauth-connect/oauth-connect-callback.js') }}"></script>
</head>
<body></body>
</html>
