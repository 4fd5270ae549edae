// The root layout Next.js requires; the app has no pages, only the route.
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
