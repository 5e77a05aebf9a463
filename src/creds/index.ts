// Credentialed enrichment modules (stage 2), run only with user-supplied credentials.
import type { DiscoveryModule } from '../core/module.js';
import { isapiAuthModule } from './isapi.js';
import { dahuaCgiAuthModule } from './dahua-cgi.js';
import { onvifAuthModule } from './onvif-auth.js';

export const credentialModules: DiscoveryModule[] = [onvifAuthModule, isapiAuthModule, dahuaCgiAuthModule];
