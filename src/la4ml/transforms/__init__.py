"""Matrices as maps: rotations, scalings, shears, reflections, projections, and grids to draw them (Part 2)."""

from la4ml.transforms._grid import apply_to_points, grid_lines, plot_grid
from la4ml.transforms._linear import is_linear_map, matrix_of
from la4ml.transforms._matrices import projection_onto_line, reflection, rotation, scaling, shear

__all__ = [
    "rotation",
    "scaling",
    "shear",
    "reflection",
    "projection_onto_line",
    "grid_lines",
    "apply_to_points",
    "plot_grid",
    "matrix_of",
    "is_linear_map",
]
