import { main } from "./main.js";
import { installGridThreads } from "./threads/install.js";

installGridThreads();
process.exitCode = await main(process.argv.slice(2));
