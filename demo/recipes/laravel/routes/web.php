<?php
// routes/web.php. Routes here are in the `web` middleware group: sessions and Laravel's CSRF middleware apply, and
// that middleware reads the X-CSRF-TOKEN header the element sends from <meta name="csrf-token">.

use App\Http\Controllers\OAuthConnectController;
use Illuminate\Support\Facades\Route;

Route::middleware('auth')->group(function () {
    Route::view('/settings/connections', 'connections')->name('connections');
    Route::post('/oauth/exchange', [OAuthConnectController::class, 'exchange'])->name('oauth.exchange');
});

// The redirect URI registered at Kanka: the popup lands here and hands the response to the page.
Route::view('/oauth/callback/kanka', 'oauth.callback')->name('oauth.callback.kanka');
