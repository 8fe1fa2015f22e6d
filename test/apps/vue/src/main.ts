import { createApp } from 'vue';
import 'oauth-connect/vue';
import App from './App.vue';

createApp(App).mount('#app');
