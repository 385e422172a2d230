// Hands a text to the browser as a download (the page stays where it is).
export function saveTextFile(fileName: string, text: string, type = "application/yaml"): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The download has started from the object URL; release it once the click is handled.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
