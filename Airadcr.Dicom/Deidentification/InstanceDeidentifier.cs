namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// Applies Table E.1-1 to one instance's data set, at every level of nesting, building a new data set (the source is
/// never changed; unchanged values are shared with it). How the compound actions are resolved (we cannot see the
/// IOD's attribute types here, so we choose what is valid whatever the type):
/// X/Z -> Z for an element (an empty value is valid for type 2 and 3), for a sequence Z where it is type 2 in
/// storage IODs (<see cref="TypeTwoSequences"/>), else X (an empty type 3 sequence is an error); Z/D, X/D, X/Z/D -> D (valid for type 1 too); X/Z/U* -> the
/// sequence kept with its UIDs replaced; D on a sequence -> the sequence kept, its items de-identified by the same
/// table (a dummy tree of the same shape: SR content keeps its codes and numbers). Patient ID and Patient's Name get
/// the patient's keyed pseudonym, Accession Number its own (Z allows a dummy; a pseudonym is one that links the
/// instances of one patient). Free text of SR content and graphic annotations (Text Value, Unformatted Text Value),
/// which the table does not list, is replaced by the dummy. A date the table does not list moves with the others
/// under Modified Dates. A UID the table does not list is replaced too unless it names a class, syntax or coding
/// scheme (<see cref="WellKnownUidAttributes"/>); a UID from the standard's registry is never replaced.
/// </summary>
internal sealed class InstanceDeidentifier
{
    private static readonly HashSet<DicomTag> WellKnownUidAttributes =
    [
        DicomTag.SOPClassUID, DicomTag.MediaStorageSOPClassUID, DicomTag.TransferSyntaxUID, DicomTag.ImplementationClassUID,
        DicomTag.ReferencedSOPClassUID, DicomTag.ReferencedSOPClassUIDInFile, DicomTag.ReferencedTransferSyntaxUIDInFile,
        DicomTag.CodingSchemeUID, DicomTag.ContextGroupExtensionCreatorUID, DicomTag.MappingResourceUID,
        DicomTag.RelatedGeneralSOPClassUID, DicomTag.OriginalSpecializedSOPClassUID, DicomTag.PrivateInformationCreatorUID,
    ];

    /// <summary>The X/Z sequences that are type 2 where they appear in storage IODs: emptied; the others (Referenced
    /// Study Sequence, type 3 in General Study) are removed, since a type 3 sequence may not be present and empty.</summary>
    private static readonly HashSet<DicomTag> TypeTwoSequences = [DicomTag.AcquisitionContextSequence];

    private static readonly DicomTag[] FreeText = [DicomTag.TextValue, DicomTag.UnformattedTextValue];

    private readonly DeidentificationOptions _options;
    private readonly KeyedPseudonyms _keys;
    private readonly Lazy<IdentifierScrubber> _scrubber; // built on the first value to clean: most instances have none
    private readonly string _patientKey;
    private readonly int _shiftDays;
    private readonly Dictionary<string, Pseudonym> _pseudonyms = new(StringComparer.Ordinal);

    public InstanceDeidentifier(DicomDataset source, DeidentificationOptions options, KeyedPseudonyms keys)
    {
        _options = options;
        _keys = keys;
        _scrubber = new Lazy<IdentifierScrubber>(() => new IdentifierScrubber(source, options));
        var id = source.GetStringOrDefault(DicomTag.PatientID, "")!;
        _patientKey = id.Length > 0 ? id : source.GetStringOrDefault(DicomTag.PatientName, "")!;
        _shiftDays = keys.DateShiftDays(_patientKey);
    }

    /// <summary>Each original replaced, once, in the order met.</summary>
    public IReadOnlyList<Pseudonym> Pseudonyms => [.. _pseudonyms.Values];

    public DicomDataset Deidentify(DicomDataset source)
    {
        var output = new DicomDataset();
        var keptPrivate = KeptPrivateElements(source);
        foreach (var item in source)
        {
            var tag = item.Tag;
            if (tag.IsGroupLength)
            {
                continue;
            }

            if (tag.IsPrivate)
            {
                if (keptPrivate.Contains(tag) || (tag.IsPrivateCreator && keptPrivate.Any(t => t.Group == tag.Group && t.Element >> 8 == tag.Element)))
                {
                    output.AddOrUpdate(item);
                }

                continue;
            }

            var action = ConfidentialityProfile.Find(tag)?.ActionFor(_options) ?? ProfileAction.No;
            if (Apply(item, action, source) is { } result)
            {
                output.AddOrUpdate(result);
            }
        }

        RemoveOrphanedOverlays(source, output);
        return output;
    }

    private DicomItem? Apply(DicomItem item, ProfileAction action, DicomDataset source) => item switch
    {
        DicomSequence sequence => action switch
        {
            ProfileAction.X => null,
            ProfileAction.Z => new DicomSequence(sequence.Tag),
            ProfileAction.XZ => TypeTwoSequences.Contains(sequence.Tag) ? new DicomSequence(sequence.Tag) : null,
            _ => new DicomSequence(sequence.Tag, sequence.Items.Select(Deidentify)),
        },
        DicomElement element => Apply(element, action, source),
        _ => action == ProfileAction.X ? null : item, // pixel data fragments: copied bit for bit
    };

    private DicomElement? Apply(DicomElement element, ProfileAction action, DicomDataset source)
    {
        var tag = element.Tag;
        if (action is not (ProfileAction.K or ProfileAction.X) && (tag == DicomTag.PatientID || tag == DicomTag.PatientName)
            && _patientKey.Length > 0)
        {
            return Replace(element, tag == DicomTag.PatientID ? "PatientID" : "PatientName", _keys.PatientId(_patientKey), source);
        }

        if (action is not (ProfileAction.K or ProfileAction.X) && element.Length > 0)
        {
            if (tag == DicomTag.AccessionNumber)
            {
                return Replace(element, "AccessionNumber", _keys.AccessionNumber(element.GetString(source.Charset)), source);
            }

            if (FreeText.Contains(tag))
            {
                return DummyValues.For(element);
            }
        }

        return action switch
        {
            ProfileAction.K => element,
            ProfileAction.X => null,
            ProfileAction.Z or ProfileAction.XZ => new DicomElement(tag, element.VR, ReadOnlyMemory<byte>.Empty),
            ProfileAction.U or ProfileAction.XZU => RemapUids(element),
            ProfileAction.D or ProfileAction.ZD or ProfileAction.XD or ProfileAction.XZD =>
                element.VR == DicomVR.UI ? RemapUids(element)
                : element.Length == 0 && action != ProfileAction.D ? element // empty stays empty where Z is allowed
                : DummyValues.For(element),
            ProfileAction.C => Clean(element, source),
            _ => Unlisted(element),
        };
    }

    private DicomElement Replace(DicomElement element, string kind, string replacement, DicomDataset source)
    {
        var original = element.GetString(source.Charset);
        if (original.Length > 0)
        {
            _pseudonyms.TryAdd(kind + "\0" + original, new Pseudonym(kind, original, replacement));
        }

        return DicomElementFactory.Create(element.Tag, element.VR, replacement);
    }

    private DicomElement Unlisted(DicomElement element) => element.VR switch
    {
        DicomVR.UI when !WellKnownUidAttributes.Contains(element.Tag) && !_options.RetainUids => RemapUids(element),
        DicomVR.DA or DicomVR.DT when _options.RetainLongitudinalTemporalModified => ShiftDates(element),
        _ => element,
    };

    private DicomElement Clean(DicomElement element, DicomDataset source) => element.VR switch
    {
        DicomVR.DA or DicomVR.DT => _options.RetainLongitudinalTemporalModified ? ShiftDates(element) : element,
        DicomVR.LO or DicomVR.SH or DicomVR.ST or DicomVR.LT or DicomVR.UT or DicomVR.UC or DicomVR.PN =>
            DicomElementFactory.Create(element.Tag, element.VR,
                [.. element.GetStrings(source.Charset).Select(v => v.Length == 0 ? v : _scrubber.Value.Clean(v) is { Length: > 0 } c ? c : DummyValues.Text)]),
        _ => element, // a value cleaned to nothing becomes the dummy (it may be type 1); TM (Modified Dates moves whole days), AE titles and codes the retain options keep
    };

    private DicomElement ShiftDates(DicomElement element)
    {
        var values = element.GetStrings();
        var shifted = values.Select(v => v.Length == 0 ? v
            : element.VR == DicomVR.DA ? DateShift.Date(v, _shiftDays) : DateShift.DateTime(v, _shiftDays));
        return DicomElementFactory.Create(element.Tag, element.VR, [.. shifted]);
    }

    private DicomElement RemapUids(DicomElement element)
    {
        if (element.Length == 0)
        {
            return element;
        }

        var kind = UidKind(element.Tag);
        var values = element.GetStrings().Select(v => v.Trim('\0', ' ')).Select(uid =>
        {
            if (uid.Length == 0 || DicomUidInfo.TryLookup(uid, out _))
            {
                return uid;
            }

            var replacement = _keys.Uid(uid);
            if (!_pseudonyms.TryGetValue("UID\0" + uid, out var known) || (known.Kind == "UID" && kind != "UID"))
            {
                _pseudonyms["UID\0" + uid] = new Pseudonym(kind, uid, replacement); // the most specific kind met
            }

            return replacement;
        });
        return DicomElementFactory.Create(element.Tag, DicomVR.UI, [.. values]);
    }

    private static string UidKind(DicomTag tag)
    {
        if (tag == DicomTag.SOPInstanceUID || tag == DicomTag.ReferencedSOPInstanceUID || tag == DicomTag.MediaStorageSOPInstanceUID
            || tag == DicomTag.ReferencedSOPInstanceUIDInFile)
        {
            return "SOPInstanceUID";
        }

        if (tag == DicomTag.StudyInstanceUID)
        {
            return "StudyInstanceUID";
        }

        if (tag == DicomTag.SeriesInstanceUID)
        {
            return "SeriesInstanceUID";
        }

        return tag == DicomTag.FrameOfReferenceUID || tag == DicomTag.ReferencedFrameOfReferenceUID
            || tag == DicomTag.RelatedFrameOfReferenceUID || tag == DicomTag.SynchronizationFrameOfReferenceUID
            ? "FrameOfReferenceUID"
            : "UID";
    }

    /// <summary>Private elements Retain Safe Private keeps (PS3.15 E.3.10); none without the option.</summary>
    private HashSet<DicomTag> KeptPrivateElements(DicomDataset source)
    {
        if (ConfidentialityProfile.PrivateAttributes.ActionFor(_options) != ProfileAction.C)
        {
            return [];
        }

        return [.. source.OfType<DicomElement>().Where(e => e.Tag.IsPrivate && SafePrivateElements.IsSafe(source, e.Tag)).Select(e => e.Tag)];
    }

    /// <summary>An overlay whose Overlay Data was removed loses its whole group (60xx): its Overlay Plane module
    /// would otherwise lack a type 1 attribute.</summary>
    private static void RemoveOrphanedOverlays(DicomDataset source, DicomDataset output)
    {
        for (var group = 0x6000; group <= 0x601E; group += 2)
        {
            var data = new DicomTag((ushort)group, 0x3000);
            if (source.Contains(data) && !output.Contains(data))
            {
                output.RemoveAll(i => i.Tag.Group == group);
            }
        }
    }
}
