import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText } from '../../../../../src-main/services/email/html-text';

describe('the text of an HTML mail', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['Line<br>next<br/>last', 'Line\nnext\nlast'],
    ['<ul><li>a</li><li>b</li></ul>', '- a\n\n- b'],
    ['<script>steal()</script><style>p{}</style>Hello', 'Hello'],
    ['<head><title>T</title></head><body>Body</body>', 'Body'],
    ['Before<!-- <p>hidden</p> -->After', 'BeforeAfter'],
    ['<script>never closed', ''],
    ['<img src="http://tracker.example/x.gif" onerror="x()">Text', 'Text'],
    ['Called back. &lt;No answer&gt; left voicemail', 'Called back. <No answer> left voicemail'],
  ])('%j reads %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });

  it.each([
    ['Zo&euml; &Aring;ngstr&ouml;m', 'Zoë Ångström'],
    ['&pound;240 &amp; &euro;86.40', '£240 & €86.40'],
    ['&#8211; &#x2014; &#0; &#xD800;', '– — \uFFFD \uFFFD'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodes %j as %j', (html, text) => {
    expect(decodeEntities(html)).toBe(text);
  });
});
