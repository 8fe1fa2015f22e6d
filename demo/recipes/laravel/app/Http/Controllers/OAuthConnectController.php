<?php

namespace App\Http\Controllers;

use Illuminate\Http\Client\ConnectionException;
use Illuminate\Http\JsonResponse;
use Illuminate\Http\Request;
use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Http;
use Illuminate\Validation\Rule;

/**
 * POST /oauth/exchange: redeems the code <oauth-connect> sends, with the client secret, and keeps the tokens for
 * the signed-in user. By the time this runs, the `web` group has checked the CSRF token (a stale one is answered
 * 419 and never gets here) and `auth` has found the user (or answered 401).
 */
class OAuthConnectController extends Controller
{
    public function exchange(Request $request): JsonResponse
    {
        abort_unless($request->isJson(), 415);
        $kanka = config('services.kanka');
        // A field missing or of the wrong shape is answered 422 with the messages.
        $input = $request->validate([
            'code' => ['required', 'string', 'max:4096'],
            // The element has already matched the state to its attempt (RFC 6749 section 10.12).
            'state' => ['required', 'string', 'regex:/^[A-Za-z0-9._~-]{8,512}$/D'],
            'code_verifier' => ['required', 'string', 'regex:/^[A-Za-z0-9._~-]{43,128}$/D'], // RFC 7636 section 4.1
            'redirect_uri' => ['required', 'string', Rule::in([$kanka['redirect']])],
        ]);

        // Each code goes to the token endpoint once: Cache::add is atomic on a shared store (redis, database).
        if (! Cache::add('oauth-code:' . hash('sha256', $input['code']), true, now()->addMinutes(10))) {
            return $this->refuse(400, 'invalid_grant', 'this code was already submitted');
        }

        try {
            $response = Http::asForm()->acceptJson()->timeout(10)->withoutRedirecting()
                ->post($kanka['token_endpoint'], [
                    'grant_type' => 'authorization_code',
                    'code' => $input['code'],
                    'redirect_uri' => $kanka['redirect'],
                    'code_verifier' => $input['code_verifier'],
                    'client_id' => $kanka['client_id'],
                    'client_secret' => $kanka['client_secret'], // client_secret_post, as Passport takes it
                ]);
        } catch (ConnectionException) {
            return $this->refuse(502, 'temporarily_unavailable', 'the provider could not be reached');
        }
        $tokens = $response->json();
        if (! $response->ok() || ! is_string($tokens['access_token'] ?? null)) {
            return $this->refuse(502, 'invalid_grant', 'the provider refused the code'); // never its own text
        }

        $account = rescue(fn () => Http::withToken($tokens['access_token'])->acceptJson()->timeout(10)
            ->get($kanka['profile_endpoint'])->json('data.name'), null, false);
        // Your own model and table; cast the token columns as 'encrypted'.
        $request->user()->oauthConnections()->updateOrCreate(['provider' => 'kanka'], [
            'account' => $account,
            'access_token' => $tokens['access_token'],
            'refresh_token' => $tokens['refresh_token'] ?? null,
            'expires_at' => now()->addSeconds((int) ($tokens['expires_in'] ?? 0)),
        ]);

        return response()->json(['connected' => true, 'account' => $account]); // never the tokens
    }

    /** An error as RFC 6749 section 5.2 shapes it; the element passes the description on in its error event. */
    private function refuse(int $status, string $error, string $description): JsonResponse
    {
        return response()->json(['error' => $error, 'error_description' => $description], $status);
    }
}
