"""QR codes printed on documents, as SVG (vector, so they stay sharp and deterministic)."""

import segno


def qr_data_uri(content: str, *, scale: int = 4) -> str:
    """An SVG QR code as a ``data:`` URI (error correction M, quiet zone of 2 modules)."""
    return segno.make(content, error="m", micro=False).svg_data_uri(scale=scale, border=2)
