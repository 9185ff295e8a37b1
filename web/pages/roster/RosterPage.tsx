export default function RosterPage() {
  return <section class="page" />;
}
