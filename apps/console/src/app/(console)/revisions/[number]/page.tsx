import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { RevisionDetail } from "@/components/revisions/revision-detail";

export async function generateMetadata({ params }: { params: Promise<{ number: string }> }): Promise<Metadata> {
  return { title: `Revision ${(await params).number}` };
}

export default async function Page({ params }: { params: Promise<{ number: string }> }) {
  const raw = (await params).number;
  if (!/^[1-9]\d{0,9}$/.test(raw)) notFound();
  return <RevisionDetail number={Number(raw)} />;
}
