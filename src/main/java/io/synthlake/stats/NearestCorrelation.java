package io.synthlake.stats;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Repairs an estimated correlation matrix into a valid one: symmetric, unit diagonal and positive definite with
 * every eigenvalue at least {@code minEigenvalue}.
 *
 * <p>Pairwise-complete estimates (used when columns have nulls), tables with more columns than rows (rank at
 * most rows - 1) and rounding leave matrices that are not positive definite, and a copula cannot sample from them.
 * The first repair is Higham's alternating projections with Dykstra's correction (Higham 2002, "Computing the
 * nearest correlation matrix - a problem from finance", IMA J. Numer. Anal. 22), stopped when an iteration moves
 * the matrix by less than {@link #TOLERANCE} relative to its norm, then an eigenvalue floor and rescale. Its
 * eigen-decompositions can fail: commons-math's QL iteration gives up ("convergence failed") on matrices with
 * many equal eigenvalues, which are exactly those of few rows and duplicate columns. The fallback needs no
 * eigen-decomposition: shrinkage towards the identity, R' = (1 - λ)R + λI, with the smallest λ (found by
 * bisection on a Cholesky test) that lifts every eigenvalue to the floor. Since λ_min(R') = (1 - λ)λ_min(R) + λ,
 * a singular but positive semi-definite R needs only λ ≈ floor; an indefinite one is weakened evenly, every
 * correlation by the share λ (Ledoit and Wolf 2004 use the same target for the same reason: it is always valid).
 */
public final class NearestCorrelation {
  private static final int MAX_ITERATIONS = 500;
  /** Relative change of one iteration below which the projections are taken as converged. */
  private static final double TOLERANCE = 1e-9;
  /** Bisection steps on λ: 2^-50 is below double's resolution of the entries. */
  private static final int BISECTIONS = 50;

  private NearestCorrelation() {}

  /** How a matrix was made valid. */
  public enum Method {
    /** It was valid: only symmetrised. */
    NONE,
    /** Higham's nearest correlation matrix. */
    NEAREST,
    /** Shrunk towards the identity by {@link Repair#shrinkage()}. */
    SHRINKAGE
  }

  /**
   * The result and how far it moved from the input.
   *
   * @param maxChange largest absolute change of one entry
   * @param shrinkage λ of the shrinkage towards the identity (0 unless the method is SHRINKAGE)
   * @param reason why the nearest-matrix repair was not used (null unless the method is SHRINKAGE)
   */
  public record Repair(double[][] matrix, double maxChange, boolean changed, Method method, double shrinkage,
      String reason) {}

  public static Repair repair(double[][] estimate, double minEigenvalue) {
    return repair(estimate, minEigenvalue, null);
  }

  /**
   * As above, keeping the entries {@code zero} marks at 0 (pairs independent by construction): Dykstra's
   * projections then alternate between the floored matrices and the symmetric ones with unit diagonal and those
   * zeros, both convex and meeting at the identity, so they converge to the nearest matrix with both (Higham 2002,
   * section 3, allows any such affine set in place of the unit diagonal). The final floor would move the zeros by
   * about the floor itself: they are set back to 0, and the shrinkage that follows when that leaves the matrix
   * invalid keeps them.
   */
  public static Repair repair(double[][] estimate, double minEigenvalue, boolean[][] zero) {
    return repair(estimate, minEigenvalue, zero, null);
  }

  /**
   * As above, nearest in the weighted norm ‖W^½ (A - X) W^½‖ with W = diag({@code weights}) (Higham 2002, section
   * 3): an entry (i, j) counts w_i·w_j, so the entries of columns with small weights (a column's share of rows
   * with a value: their correlations rest on fewer rows) give way first. The eigenvalue projection is taken in
   * the weighted space, W^-½ P(W^½ X W^½) W^-½; null weights are all 1.
   */
  public static Repair repair(double[][] estimate, double minEigenvalue, boolean[][] zero, double[] weights) {
    int k = estimate.length;
    double[][] symmetric = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        double r = 0.5 * (estimate[i][j] + estimate[j][i]);
        // An undefined estimate says nothing: no correlation. Beyond ±1 is rounding.
        symmetric[i][j] = i == j ? 1.0 : Double.isNaN(r) ? 0.0 : Math.max(-1.0, Math.min(1.0, r));
      }
    }
    if (isPositiveDefinite(symmetric, minEigenvalue)) {
      return result(estimate, symmetric, Method.NONE, 0, null);
    }
    String reason;
    try {
      double[][] nearest = symmetrise(floorAndRescale(alternatingProjections(symmetric, minEigenvalue, zero,
          weights), minEigenvalue));
      // The final floor moves the held zeros by about the floor: set them back (the shrinkage below keeps them).
      for (int i = 0; zero != null && i < k; i++) {
        for (int j = 0; j < k; j++) {
          nearest[i][j] = zero[i][j] && i != j ? 0.0 : nearest[i][j];
        }
      }
      if (isPositiveDefinite(nearest, minEigenvalue * 0.5)) {
        return result(estimate, nearest, Method.NEAREST, 0, null);
      }
      reason = "the nearest matrix found has no Cholesky factor";
    } catch (IllegalStateException | ArithmeticException e) {
      // commons-math's MaxCountExceededException ("convergence failed") is an IllegalStateException.
      reason = "its eigen-decomposition failed (" + e.getMessage() + ")";
    }
    double lambda = shrinkage(symmetric, minEigenvalue);
    return result(estimate, shrunk(symmetric, lambda), Method.SHRINKAGE, lambda, reason);
  }

  /**
   * True when every eigenvalue is at least {@code minEigenvalue} (up to a relative 1e-9), tested without an
   * eigen-decomposition: A - m·I has a Cholesky factor exactly when λ_min(A) > m.
   */
  public static boolean isPositiveDefinite(double[][] matrix, double minEigenvalue) {
    int k = matrix.length;
    double shift = minEigenvalue * (1 - 1e-9);
    double[][] lower = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = matrix[i][j] - (i == j ? shift : 0.0);
        for (int p = 0; p < j; p++) {
          sum -= lower[i][p] * lower[j][p];
        }
        if (i == j) {
          if (!(sum > 0)) {
            return false;
          }
          lower[i][i] = Math.sqrt(sum);
        } else {
          lower[i][j] = sum / lower[j][j];
        }
      }
    }
    return true;
  }

  /** The smallest λ in [0, 1] (to 2^-50) for which (1 - λ)R + λI has every eigenvalue at least the floor. */
  static double shrinkage(double[][] r, double minEigenvalue) {
    double low = 0;
    double high = 1;
    if (isPositiveDefinite(r, minEigenvalue)) {
      return 0;
    }
    for (int step = 0; step < BISECTIONS; step++) {
      double mid = 0.5 * (low + high);
      if (isPositiveDefinite(shrunk(r, mid), minEigenvalue)) {
        high = mid;
      } else {
        low = mid;
      }
    }
    return high;
  }

  private static double[][] shrunk(double[][] r, double lambda) {
    int k = r.length;
    double[][] result = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        result[i][j] = i == j ? 1.0 : (1 - lambda) * r[i][j];
      }
    }
    return result;
  }

  private static Repair result(double[][] estimate, double[][] matrix, Method method, double lambda,
      String reason) {
    double maxChange = 0;
    boolean changed = method != Method.NONE;
    for (int i = 0; i < matrix.length; i++) {
      for (int j = 0; j < matrix.length; j++) {
        if (Double.isNaN(estimate[i][j])) {
          changed = true; // replaced by 0: a change, but of no size
        } else {
          maxChange = Math.max(maxChange, Math.abs(matrix[i][j] - estimate[i][j]));
        }
      }
    }
    return new Repair(matrix, maxChange, changed || maxChange > 0, method, lambda, reason);
  }

  private static double[][] alternatingProjections(double[][] a, double minEigenvalue, boolean[][] zero,
      double[] weights) {
    int k = a.length;
    double[][] y = copy(a);
    double[][] correction = new double[k][k];
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double[][] r = new double[k][k];
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          r[i][j] = y[i][j] - correction[i][j];
        }
      }
      double[][] x = weights == null ? projectOntoEigenvalueFloor(r, minEigenvalue)
          : weightedProjection(r, minEigenvalue, weights);
      double change = 0;
      double norm = 0;
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          correction[i][j] = x[i][j] - r[i][j];
          double next = i == j ? 1.0 : zero != null && zero[i][j] ? 0.0 : x[i][j];
          change += (next - y[i][j]) * (next - y[i][j]);
          norm += next * next;
          y[i][j] = next;
        }
      }
      if (Math.sqrt(change) <= TOLERANCE * Math.sqrt(norm)) {
        break;
      }
    }
    return y;
  }

  /**
   * The projection onto X ⪰ δI in the weighted norm: with Y = W^½ X W^½ the set is Y ⪰ δW, so Y - δW is clipped
   * at eigenvalue 0 and δW added back, then X = W^-½ Y W^-½.
   */
  private static double[][] weightedProjection(double[][] matrix, double minEigenvalue, double[] weights) {
    int k = matrix.length;
    double[] root = new double[k];
    for (int i = 0; i < k; i++) {
      root[i] = Math.sqrt(weights[i]);
    }
    double[][] shifted = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        shifted[i][j] = root[i] * matrix[i][j] * root[j] - (i == j ? minEigenvalue * weights[i] : 0);
      }
    }
    double[][] projected = projectOntoEigenvalueFloor(shifted, 0);
    for (int i = 0; i < k; i++) {
      projected[i][i] += minEigenvalue * weights[i];
      for (int j = 0; j < k; j++) {
        projected[i][j] /= root[i] * root[j];
      }
    }
    return projected;
  }

  private static double[][] projectOntoEigenvalueFloor(double[][] matrix, double minEigenvalue) {
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(matrix, false));
    double[] values = eigen.getRealEigenvalues();
    RealMatrix vectors = eigen.getV();
    int k = matrix.length;
    double[][] result = new double[k][k];
    for (int e = 0; e < k; e++) {
      double value = Math.max(values[e], minEigenvalue);
      double[] v = vectors.getColumn(e);
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          result[i][j] += value * v[i] * v[j];
        }
      }
    }
    return result;
  }

  /** Clips eigenvalues at the floor and rescales to unit diagonal: always yields a valid correlation matrix. */
  private static double[][] floorAndRescale(double[][] matrix, double minEigenvalue) {
    double[][] floored = projectOntoEigenvalueFloor(matrix, minEigenvalue);
    int k = floored.length;
    double[][] result = new double[k][k];
    for (int i = 0; i < k; i++) {
      for (int j = 0; j < k; j++) {
        result[i][j] = i == j ? 1.0 : floored[i][j] / Math.sqrt(floored[i][i] * floored[j][j]);
      }
    }
    return result;
  }

  /** Eigen-decompositions leave last-bit asymmetries; a correlation matrix must be exactly symmetric. */
  private static double[][] symmetrise(double[][] matrix) {
    for (int i = 0; i < matrix.length; i++) {
      matrix[i][i] = 1.0;
      for (int j = i + 1; j < matrix.length; j++) {
        double mean = 0.5 * (matrix[i][j] + matrix[j][i]);
        matrix[i][j] = mean;
        matrix[j][i] = mean;
      }
    }
    return matrix;
  }

  private static double[][] copy(double[][] matrix) {
    double[][] result = new double[matrix.length][];
    for (int i = 0; i < matrix.length; i++) {
      result[i] = matrix[i].clone();
    }
    return result;
  }
}
