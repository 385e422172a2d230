// What an incoming x-request-id must look like to be kept as the correlation id (the request-id
// stage and the admin API share it): short, and safe in a header, a log line and a URL.
export const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;
