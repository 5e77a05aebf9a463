// Credentialed enrichment modules (stage 2), run only with user-supplied credentials.
import type { DiscoveryModule } from '../core/module.js';
import { isapiAuthModule } from './isapi.js';
import { dahuaCgiAuthModule } from './dahua-cgi.js';

export const credentialModules: DiscoveryModule[] = [isapiAuthModule, dahuaCgiAuthModule];
