export default function OrgsPage() {
  return <section class="page" />;
}
