{{-- resources/views/connections.blade.php: the page with the button. --}}
<!doctype html>
<html lang="{{ str_replace('_', '-', app()->getLocale()) }}">
<head>
    <meta charset="utf-8">
    {{-- The element sends this back as X-CSRF-TOKEN to this origin only; Laravel's CSRF middleware checks it. --}}
    <meta name="csrf-token" content="{{ csrf_token() }}">
    <title>Connections</title>
    {{-- dist/oauth-connect.bundle.js, copied to public/vendor/oauth-connect/ (or import 'oauth-connect' via @vite) --}}
    <script src="{{ asset('vendor/oauth-connect/oauth-connect.bundle.js') }}"></script>
</head>
<body>
    <oauth-connect
        provider="Kanka"
        authorize-url="{{ config('services.kanka.authorize_endpoint') }}"
        client-id="{{ config('services.kanka.client_id') }}"
        redirect-uri="{{ config('services.kanka.redirect') }}"
        exchange-url="{{ route('oauth.exchange', [], false) }}"
    ></oauth-connect>
    <p id="connection"></p>
    <p id="reload" hidden><a href="">Reload the page</a></p>

    <script>
        document.addEventListener('oauth-connect-success', ({ detail }) => {
            const { account } = detail.response;
            document.querySelector('#connection').textContent = account ? `Connected as ${account}.` : 'Connected.';
        });
        // 419: the session expired and the page's CSRF token with it; 401: signed out. The element already says
        // "Your session has expired. Reload the page and try again."; a reload brings a fresh token.
        document.addEventListener('oauth-connect-error', ({ detail }) => {
            if ([401, 419].includes(detail.status)) document.querySelector('#reload').hidden = false;
        });
    </script>
</body>
</html>
