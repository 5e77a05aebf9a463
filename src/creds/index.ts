// Credentialed enrichment modules (stage 2), run only with user-supplied credentials.
import type { DiscoveryModule } from '../core/module.js';

export const credentialModules: DiscoveryModule[] = [];
