// Development entry (tests run it through tsx): same as bin/camaudit.js without a build.
import { main } from './main.js';

await main(process.argv.slice(2));
