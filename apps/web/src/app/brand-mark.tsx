/** The shell mark, drawn inline so the header never waits on (or loses) an image request. Same as favicon.svg. */
export function BrandMark() {
  return (
    <svg className="brand__mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <path d="M32 4 8 13v17c0 15.5 10.2 25.6 24 30 13.8-4.4 24-14.5 24-30V13L32 4Z" fill="#0f766e" />
      <path d="M32 12 15 18.4V30c0 11 7 18.6 17 22.2C42 48.6 49 41 49 30V18.4L32 12Z" fill="#14b8a6" />
      <path
        d="M32 12v40.2M15 30h34M19 20.5 45 41M45 20.5 19 41"
        stroke="#0f766e"
        strokeWidth="2.5"
        fill="none"
      />
    </svg>
  );
}
