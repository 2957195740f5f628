#!/usr/bin/env python3
"""Writes the seed corpus: small files from pydicom's test data (MIT) and inputs built here byte by byte.
Run from anywhere; rewrites corpus/{part10,deflate,pixels,pdu,json}/. Needs python3-pydicom's data files only."""
import json
import pathlib
import shutil
import subprocess
import struct
import zlib

HERE = pathlib.Path(__file__).resolve().parent
PYDICOM = pathlib.Path("/usr/lib/python3/dist-packages/pydicom/data")


def element(group, elem, vr, value):
    """Explicit VR little endian element, value padded to even length."""
    if len(value) % 2:
        value += b"\0" if vr in (b"UI", b"OB", b"OW") else b" "
    if vr in (b"OB", b"OW", b"SQ", b"UN", b"UT", b"UC", b"UR", b"OF", b"OD", b"OL"):
        return struct.pack("<HH2sHI", group, elem, vr, 0, len(value)) + value
    return struct.pack("<HH2sH", group, elem, vr, len(value)) + value


def implicit(group, elem, value):
    return struct.pack("<HHI", group, elem, len(value)) + value


def part10(syntax, body):
    meta = element(2, 0x0001, b"OB", b"\0\1") + element(2, 0x0010, b"UI", syntax.encode())
    return b"\0" * 128 + b"DICM" + element(2, 0, b"UL", struct.pack("<I", len(meta))) + meta + body


def image(rows, cols, bits, stored, pixels, samples=1, signed=0, photometric=b"MONOCHROME2", frames=None, planar=None):
    body = element(0x0028, 0x0002, b"US", struct.pack("<H", samples))
    body += element(0x0028, 0x0004, b"CS", photometric)
    if planar is not None:
        body += element(0x0028, 0x0006, b"US", struct.pack("<H", planar))
    if frames is not None:
        body += element(0x0028, 0x0008, b"IS", str(frames).encode())
    body += element(0x0028, 0x0010, b"US", struct.pack("<H", rows))
    body += element(0x0028, 0x0011, b"US", struct.pack("<H", cols))
    body += element(0x0028, 0x0100, b"US", struct.pack("<H", bits))
    body += element(0x0028, 0x0101, b"US", struct.pack("<H", stored))
    body += element(0x0028, 0x0102, b"US", struct.pack("<H", stored - 1))
    body += element(0x0028, 0x0103, b"US", struct.pack("<H", signed))
    body += element(0x0028, 0x1050, b"DS", b"100")
    body += element(0x0028, 0x1051, b"DS", b"400")
    return body + element(0x7FE0, 0x0010, b"OW" if bits == 16 else b"OB", pixels)


def pdu(kind, body):
    return struct.pack(">BBI", kind, 0, len(body)) + body


def item(kind, content):
    return struct.pack(">BBH", kind, 0, len(content)) + content


def associate(kind, context_item, contexts):
    header = struct.pack(">HH", 1, 0) + b"IA_SERVER".ljust(16) + b"MODALITY".ljust(16) + b"\0" * 32
    user = item(0x51, struct.pack(">I", 16384)) + item(0x52, b"1.2.826.0.1.3680043.10.1") + item(0x55, b"AIRADCR_1")
    user += item(0x53, struct.pack(">HH", 1, 1)) + item(0x54, struct.pack(">H", 17) + b"1.2.840.10008.1.1" + b"\1\0")
    body = header + item(0x10, b"1.2.840.10008.3.1.1.1")
    for cid, content in contexts:
        body += item(context_item, bytes([cid, 0, 0, 0]) + content)
    return pdu(kind, body + item(0x50, user))


def command(fields):
    body = b"".join(implicit(0, e, v) for e, v in fields)
    return implicit(0, 0, struct.pack("<I", len(body))) + body


def pdata(cid, control, data):
    return pdu(4, struct.pack(">IBB", len(data) + 2, cid, control) + data)


def write(folder, name, data):
    (HERE / folder).mkdir(exist_ok=True)
    (HERE / folder / name).write_bytes(data)


def compressed_seeds():
    """Small images in each codec's syntax, written by dcmtk and GDCM (apt: dcmtk libgdcm-tools)."""
    encoders = {"jpegls": ["dcmcjpls", "+el"], "jpeg_sv1": ["dcmcjpeg", "+e1"], "jpeg_sv6": ["dcmcjpeg", "+el", "+sv", "6"],
                "rle": ["dcmcrle"], "j2k_lossless": ["gdcmconv", "--j2k"], "jpegls_near": ["dcmcjpls", "+en"]}
    for source in ("gray16_signed_8x8", "SC_rgb_small_odd"):
        for suffix, command in encoders.items():
            if source.startswith("gray16") and suffix == "jpegls_near":
                continue  # dcmcjpls refuses near-lossless on signed data
            if source.startswith("SC_rgb") and suffix == "j2k_lossless":
                continue  # gdcmconv 3.0.21 aborts (double free) on this 3x3... odd-sized RGB image
            output = HERE / "pixels" / f"{source}_{suffix}.dcm"
            subprocess.run([*command, str(HERE / "pixels" / f"{source}.dcm"), str(output)], check=True)
    rgb = HERE / "pixels" / "SC_rgb_small_odd.dcm"
    subprocess.run(["dcmcjpeg", "+eb", str(rgb), str(HERE / "pixels" / "SC_rgb_small_odd_jpeg_baseline.dcm")], check=True)


def main():
    for folder in ("part10", "deflate", "pixels", "pdu", "json"):
        shutil.rmtree(HERE / folder, ignore_errors=True)
    tests = PYDICOM / "test_files"
    for name in ("ExplVR_BigEndNoMeta.dcm", "ExplVR_LitEndNoMeta.dcm", "no_meta_group_length.dcm", "nested_priv_SQ.dcm",
                 "UN_sequence.dcm", "priv_SQ.dcm", "empty_charset_LEI.dcm", "meta_missing_tsyntax.dcm", "reportsi.dcm",
                 "rtplan_truncated.dcm", "image_dfl.dcm"):
        write("part10", name, (tests / name).read_bytes())
    write("part10", "chrSQEncoding.dcm", (PYDICOM / "charset_files" / "chrSQEncoding.dcm").read_bytes())
    for name in ("SC_rgb_small_odd.dcm", "SC_rgb_rle.dcm", "SC_rgb_rle_2frame.dcm", "SC_rgb_rle_16bit.dcm",
                 "rtdose_1frame.dcm", "rtdose_rle_1frame.dcm", "rtdose_expb_1frame.dcm", "JPEG2000.dcm"):
        write("pixels", name, (tests / name).read_bytes())

    explicit_le, implicit_le = "1.2.840.10008.1.2.1", "1.2.840.10008.1.2"
    gray16 = b"".join(struct.pack("<h", v) for v in range(-32, 32))
    write("pixels", "gray16_signed_8x8.dcm", part10(explicit_le, image(8, 8, 16, 12, gray16, signed=1)))
    write("pixels", "mono1_8bit_2frames.dcm",
          part10(explicit_le, image(4, 4, 8, 8, bytes(range(32)), photometric=b"MONOCHROME1", frames=2)))
    write("pixels", "bits1_8x8.dcm", part10(explicit_le, image(8, 8, 1, 1, b"\x55\xaa" * 4)))
    write("pixels", "rgb_planar_4x4.dcm",
          part10(explicit_le, image(4, 4, 8, 8, bytes(range(48)), samples=3, photometric=b"RGB", planar=1)))
    compressed_seeds()

    # Deflated datasets: raw deflate (no zlib header) of explicit VR little endian data, as after the meta group.
    small = element(0x0008, 0x0060, b"CS", b"CT") + element(0x0010, 0x0010, b"PN", b"Doe^Jane")
    small += element(0x0020, 0x000D, b"UI", b"1.2.3.4.5")
    sequence = element(0x0008, 0x1115, b"SQ", struct.pack("<HHI", 0xFFFE, 0xE000, 0xFFFFFFFF)
                       + element(0x0008, 0x1150, b"UI", b"1.2.840.10008.5.1.4.1.1.2") + struct.pack("<HHI", 0xFFFE, 0xE00D, 0))
    for name, body in (("small.bin", small), ("sequence.bin", small + sequence),
                       ("image.bin", image(4, 4, 8, 8, bytes(range(16))))):
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        write("deflate", name, packer.compress(body) + packer.flush())
    dfl = (tests / "image_dfl.dcm").read_bytes()
    meta_length = struct.unpack_from("<I", dfl, 140)[0]
    write("deflate", "image_dfl_body.bin", dfl[144 + meta_length:])

    echo = "1.2.840.10008.1.1"
    ct = "1.2.840.10008.5.1.4.1.1.2"
    syntaxes = item(0x40, explicit_le.encode()) + item(0x40, implicit_le.encode())
    rq = associate(1, 0x20, [(1, item(0x30, echo.encode()) + syntaxes), (3, item(0x30, ct.encode()) + syntaxes)])
    write("pdu", "associate_rq.bin", rq)
    write("pdu", "associate_ac.bin", associate(2, 0x21, [(1, item(0x40, explicit_le.encode()))]))
    write("pdu", "associate_rj.bin", pdu(3, bytes([0, 1, 1, 7])))
    echo_rq = command([(0x0002, echo.encode() + b"\0"), (0x0100, struct.pack("<H", 0x0030)),
                       (0x0110, struct.pack("<H", 1)), (0x0800, struct.pack("<H", 0x0101))])
    write("pdu", "pdata_echo_rq.bin", pdata(1, 3, echo_rq))
    store_rq = command([(0x0002, ct.encode()), (0x0100, struct.pack("<H", 1)), (0x0110, struct.pack("<H", 7)),
                        (0x0700, struct.pack("<H", 0)), (0x0800, struct.pack("<H", 0)), (0x1000, b"1.2.3.4.5.6\0")])
    write("pdu", "pdata_store_rq.bin", pdata(3, 3, store_rq) + pdata(3, 0, small[:20]) + pdata(3, 2, small[20:]))
    write("pdu", "release_rq.bin", pdu(5, b"\0" * 4))
    write("pdu", "release_rp.bin", pdu(6, b"\0" * 4))
    write("pdu", "abort.bin", pdu(7, bytes([0, 0, 2, 6])))
    write("pdu", "association.bin", rq + pdata(1, 3, echo_rq) + pdu(5, b"\0" * 4))

    report = {"technical_id": "AIRADCR_0123456789abcdef", "structured": {"findings": "Nodule 6 mm", "impression": "Follow-up"},
              "patient_id": "P001", "exam_uid": "E1", "accession_number": "ACC1", "study_instance_uid": "1.2.3.4",
              "source_type": "airadcr_gateway", "ai_modules": ["lung"], "modality": "CT",
              "metadata": {"findings": [{"label": "nodule", "confidence": 0.91, "box": [1, 2, 3, 4]}]},
              "expires_in_hours": 48}
    write("json", "pending_report_full.json", json.dumps(report).encode())
    write("json", "pending_report_minimal.json", b'{"technical_id":"T1","structured":{}}')
    write("json", "escapes.json", b'{"technical_id":"T\\u00e9\\ud83d\\ude00","structured":{"a":"\\n\\"\\\\"}}')
    write("json", "invalid_utf8.json", b'{"technical_id":"X\xc3\x28","structured":{"t":"\xff"}}')
    write("json", "wrong_types.json", b'{"technical_id":12,"structured":[],"ai_modules":"x","expires_in_hours":1e400}')
    write("json", "not_object.json", b'[1,2,{"a":null}]')
    write("json", "api_key.json", b'{"name":"gateway","scopes":["read","write"]}')


if __name__ == "__main__":
    main()
