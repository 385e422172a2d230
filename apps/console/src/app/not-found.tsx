import Link from "next/link";

export default function NotFound() {
  return (
    <main className="page">
      <h1>Not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the console</Link> (you will be asked to sign in if you are not).
      </p>
    </main>
  );
}
