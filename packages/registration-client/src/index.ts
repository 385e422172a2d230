export { startRegistration, type Registration, type RegistrationLog, type RegistrationOptions, type RegistrationState } from "./registration.ts";
export { installShutdown, type ShutdownOptions } from "./shutdown.ts";
export { backoffDelay, type BackoffOptions } from "./backoff.ts";
