namespace Airadcr.Dicom.Deidentification;

/// <summary>The action codes of PS3.15 Table E.1-1 (E.3 gives their meaning); compound codes keep their parts'
/// letters (XZU is "X/Z/U*"). <see cref="No"/> is an empty cell.</summary>
internal enum ProfileAction
{
    No,
    /// <summary>Replace with a non-zero length dummy value consistent with the VR.</summary>
    D,
    /// <summary>Replace with a zero length value, or a dummy.</summary>
    Z,
    /// <summary>Remove.</summary>
    X,
    /// <summary>Keep (sequences: kept, their items de-identified).</summary>
    K,
    /// <summary>Clean: keep values of similar meaning that hold no identifying information.</summary>
    C,
    /// <summary>Replace the UID with a non-zero length UID that is internally consistent within a set of instances.</summary>
    U,
    ZD,
    XZ,
    XD,
    XZD,
    XZU,
}
