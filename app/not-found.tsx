import Link from 'next/link';

export default function NotFound() {
  return (
    <div className="text-center py-5">
      <h1 className="h3">Not found</h1>
      <p className="text-body-secondary">We could not find that page or movie.</p>
      <Link className="btn btn-primary" href="/">
        Back to rating movies
      </Link>
    </div>
  );
}
