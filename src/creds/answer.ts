// A reply is an answer only when it reads as the document asked for: an empty body, or an HTML page where a
// device-information document was asked for, is "no answer", never "accepted" or "answered without
// authentication" (issue 23: a test server that sends an empty 200 to anything it cannot read).
export function noAnswer(status: number, body: string, what: string): string {
  return `no answer: HTTP ${status} with ${body.trim() ? `a body that is not ${what}` : 'an empty body'}`;
}
