package io.synthlake.fit;

import io.synthlake.model.ModelNote;
import java.util.ArrayList;
import java.util.List;

/** Collects the decisions and fallbacks of a fit, in order, for the model's notes. */
public final class FitNotes {
  private final List<ModelNote> notes = new ArrayList<>();

  public void table(String format, Object... args) {
    notes.add(ModelNote.table(String.format(java.util.Locale.ROOT, format, args)));
  }

  public void column(String column, String format, Object... args) {
    notes.add(ModelNote.column(column, String.format(java.util.Locale.ROOT, format, args)));
  }

  public List<ModelNote> all() {
    return List.copyOf(notes);
  }
}
