#!/usr/bin/python3
"""The pydicom peer of the de-identification bench: PS3.15 Annex E's Basic Application Level Confidentiality
Profile, no option, from eng/data/confidentiality-profile-attributes.json (Table E.1-1), with the compound actions
resolved as Airadcr.Dicom's InstanceDeidentifier resolves them, so that both do the same work:

  D: a dummy value for the VR (a UI: remapped); Z: emptied; X: removed; K: kept; U: keyed UID remap (HMAC-SHA256
  keyed by the secret -> a 2.25 UID); X/Z: emptied (a sequence: removed unless type 2, Acquisition Context
  Sequence); Z/D, X/D, X/Z/D: D (an empty value stays empty); X/Z/U*: kept with its UIDs remapped; D on a sequence:
  its items de-identified by the same table. Patient ID and Patient's Name get the patient's keyed pseudonym,
  Accession Number its own; Text Value and Unformatted Text Value the dummy; a UID the table does not list is remapped
  unless it names a class, syntax or coding scheme, and a UID of the standard's registry is never remapped. Private
  elements are removed; an overlay whose Overlay Data was removed loses its group. Patient Identity Removed YES,
  De-identification Method and its Code Sequence (113100, DCM) are added.

Usage: /usr/bin/python3 deidentify_pydicom.py PROFILE_JSON IN_DIR OUT_DIR   (the secret in $AIRADCR_DEID_SECRET)
Reads and writes every file below IN_DIR (the tree mirrored under OUT_DIR). Debian's python3-pydicom (2.x).
"""
import hashlib
import hmac
import json
import os
import sys

import pydicom
from pydicom._uid_dict import UID_dictionary
from pydicom.datadict import tag_for_keyword
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence

DUMMY_TEXT = "ANONYMIZED"
DUMMIES = {
    "AE": DUMMY_TEXT, "CS": DUMMY_TEXT, "SH": DUMMY_TEXT, "LO": DUMMY_TEXT, "ST": DUMMY_TEXT, "LT": DUMMY_TEXT,
    "UT": DUMMY_TEXT, "UC": DUMMY_TEXT, "PN": DUMMY_TEXT, "UR": "urn:anonymized", "AS": "000Y", "DA": "19000101",
    "TM": "000000", "DT": "19000101000000", "IS": "0", "DS": "0", "US": 0, "SS": 0, "UL": 0, "SL": 0, "FL": 0.0,
    "FD": 0.0, "AT": 0, "SV": 0, "UV": 0,
}
PATIENT_ID = tag_for_keyword("PatientID")
PATIENT_NAME = tag_for_keyword("PatientName")
ACCESSION = tag_for_keyword("AccessionNumber")
FREE_TEXT = {tag_for_keyword(k) for k in ("TextValue", "UnformattedTextValue")}
TYPE_TWO_SEQUENCES = {tag_for_keyword("AcquisitionContextSequence")}
WELL_KNOWN_UIDS = {tag_for_keyword(k) for k in (
    "SOPClassUID", "MediaStorageSOPClassUID", "TransferSyntaxUID", "ImplementationClassUID", "ReferencedSOPClassUID",
    "ReferencedSOPClassUIDInFile", "ReferencedTransferSyntaxUIDInFile", "CodingSchemeUID",
    "ContextGroupExtensionCreatorUID", "MappingResourceUID", "RelatedGeneralSOPClassUID",
    "OriginalSpecializedSOPClassUID", "PrivateInformationCreatorUID")}
DUMMY_ACTIONS = {"D", "Z/D", "X/D", "X/Z/D"}


def load_table(path):
    """Tag -> basic profile action, and the repeating-group rows as (mask, value, action)."""
    exact, patterns = {}, []
    for row in json.load(open(path, encoding="utf-8")):
        tag = row["tag"].upper()
        if "GGGG" in tag:
            continue  # the private rule: every private element is removed
        digits = tag.strip("()").replace(",", "")
        if "X" in digits:
            mask = int("".join("0" if c == "X" else "F" for c in digits), 16)
            patterns.append((mask, int(digits.replace("X", "0"), 16), row["basicProfile"]))
        else:
            exact[int(digits, 16)] = row["basicProfile"]
    return exact, patterns


class Deidentifier:
    def __init__(self, table, secret):
        self.exact, self.patterns = table
        self.secret = secret
        self.uids = {}

    def hash(self, purpose, original):
        return hmac.new(self.secret, (purpose + "\0" + original).encode("utf-8"), hashlib.sha256).digest()

    def uid(self, original):
        original = original.strip("\0 ")
        if not original or original in UID_dictionary:
            return original
        known = self.uids.get(original)
        if known is None:
            uuid = bytearray(self.hash("uid", original)[:16])
            uuid[6] = (uuid[6] & 0x0F) | 0x80
            uuid[8] = (uuid[8] & 0x3F) | 0x80
            known = self.uids[original] = "2.25." + str(int.from_bytes(uuid, "big"))
        return known

    def action(self, tag):
        action = self.exact.get(tag)
        if action is None and (tag >> 24) in (0x50, 0x60):
            for mask, value, row_action in self.patterns:
                if tag & mask == value:
                    return row_action
        return action

    def remap(self, elem):
        if elem.VM > 1:
            elem.value = [self.uid(v) for v in elem.value]
        elif not elem.is_empty:
            elem.value = self.uid(elem.value)

    def dataset(self, ds, patient_key):
        overlays_removed = []
        for tag in list(ds.keys()):
            tag = int(tag)
            if tag & 0xFFFF == 0 or (tag >> 16) & 1:  # group lengths, private elements
                del ds[tag]
                continue
            elem = ds[tag]
            action = self.action(tag)
            if elem.VR == "SQ":
                if action == "X" or (action == "X/Z" and tag not in TYPE_TWO_SEQUENCES):
                    del ds[tag]
                elif action in ("Z", "X/Z"):
                    elem.value = Sequence()
                else:
                    for item in elem.value:
                        self.dataset(item, patient_key)
                continue
            if action not in ("K", "X") and tag in (PATIENT_ID, PATIENT_NAME) and patient_key:
                elem.value = "P" + self.hash("patient", patient_key)[:8].hex().upper()
                continue
            if action not in ("K", "X") and not elem.is_empty:
                if tag == ACCESSION:
                    elem.value = "A" + self.hash("accession", str(elem.value)).hex().upper()[:15]
                    continue
                if tag in FREE_TEXT:
                    elem.value = DUMMY_TEXT
                    continue
            if action == "K":
                continue
            if action == "X":
                del ds[tag]
                if (tag >> 24) == 0x60 and tag & 0xFFFF == 0x3000:
                    overlays_removed.append(tag >> 16)
            elif action in ("Z", "X/Z"):
                elem.value = None
            elif action in ("U", "X/Z/U*"):
                self.remap(elem)
            elif action in DUMMY_ACTIONS:
                if elem.VR == "UI":
                    self.remap(elem)
                elif not (elem.is_empty and action != "D"):
                    elem.value = DUMMIES.get(elem.VR, b"\0\0")
            elif elem.VR == "UI" and tag not in WELL_KNOWN_UIDS:
                self.remap(elem)
        for group in overlays_removed:
            for tag in [t for t in ds.keys() if t.group == group]:
                del ds[tag]

    def file(self, source, target):
        ds = pydicom.dcmread(source)
        patient_key = str(ds.get("PatientID", "") or "") or str(ds.get("PatientName", "") or "")
        self.dataset(ds, patient_key)
        ds.PatientIdentityRemoved = "YES"
        ds.DeidentificationMethod = "Basic Application Confidentiality Profile"
        code = Dataset()
        code.CodeValue = "113100"
        code.CodingSchemeDesignator = "DCM"
        code.CodeMeaning = "Basic Application Confidentiality Profile"
        ds.DeidentificationMethodCodeSequence = Sequence([code])
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.save_as(target + ".part", write_like_original=False)
        os.replace(target + ".part", target)


def main():
    profile, source, target = sys.argv[1:4]
    deidentifier = Deidentifier(load_table(profile), os.environ["AIRADCR_DEID_SECRET"].encode("utf-8"))
    count = 0
    for folder, _, names in os.walk(source):
        out_folder = os.path.join(target, os.path.relpath(folder, source))
        os.makedirs(out_folder, exist_ok=True)
        for name in sorted(names):
            deidentifier.file(os.path.join(folder, name), os.path.join(out_folder, name))
            count += 1
    print(f"{count} de-identified")


if __name__ == "__main__":
    main()
