// "Copy as image": the chart's SVG, drawn on a canvas at twice its size, to the clipboard as PNG.
export async function svgToPngBlob(svg: SVGSVGElement, background: string): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  // Inline the computed text colour and font: the copy has no stylesheet.
  const style = getComputedStyle(svg);
  clone.setAttribute(
    'style',
    `font-family:${style.fontFamily};font-size:${style.fontSize};color:${style.color}`,
  );
  const url = URL.createObjectURL(
    new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }),
  );
  try {
    const img = new Image();
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      img.src = url;
    });
    const scale = 2;
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('The chart could not be drawn as an image.');
    ctx.fillStyle = background;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (b) => (b ? resolve(b) : reject(new Error('The chart could not be drawn as an image.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function copyChartImage(container: HTMLElement, background: string): Promise<void> {
  const svg = container.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
  if (!svg) throw new Error('There is no chart to copy.');
  const blob = await svgToPngBlob(svg, background);
  if (!navigator.clipboard?.write || typeof ClipboardItem === 'undefined') {
    throw new Error('This window cannot write images to the clipboard.');
  }
  await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
}
