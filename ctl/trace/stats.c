// SPDX-License-Identifier: GPL-2.0
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int rt_stats(const double *v, size_t n, struct rt_stats *st)
{
	double *s;

	memset(st, 0, sizeof(*st));
	if (!n)
		return 0;
	s = malloc(n * sizeof(*s));
	if (!s)
		return -1;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_double);
	st->n = n;
	st->min = s[0];
	st->max = s[n - 1];
	st->median = n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
	free(s);
	return 0;
}

/* One term @aa of Lentz's method: the new c, d and the factor of h. */
static double lentz(double aa, double *c, double *d)
{
	*d = 1 + aa * *d;
	*c = 1 + aa / *c;
	if (fabs(*d) < 1e-300)
		*d = 1e-300;
	if (fabs(*c) < 1e-300)
		*c = 1e-300;
	*d = 1 / *d;
	return *d * *c;
}

/* The regularized incomplete beta I_x(a, b), by its continued fraction. */
static double betacf(double a, double b, double x)
{
	double c = 1, d = 1 - (a + b) * x / (a + 1), h, del;
	int m;

	if (fabs(d) < 1e-300)
		d = 1e-300;
	d = 1 / d;
	h = d;
	for (m = 1; m <= 300; m++) {
		double m2 = 2 * m;

		h *= lentz(m * (b - m) * x / ((a + m2 - 1) * (a + m2)), &c, &d);
		del = lentz(-(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1)),
			    &c, &d);
		h *= del;
		if (fabs(del - 1) < 1e-15)
			break;
	}
	return h;
}

static double betai(double a, double b, double x)
{
	double bt;

	if (x <= 0)
		return 0;
	if (x >= 1)
		return 1;
	bt = exp(lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) +
		 b * log(1 - x));
	if (x < (a + 1) / (a + b + 2))
		return bt * betacf(a, b, x) / a;
	return 1 - bt * betacf(b, a, 1 - x) / b;
}

/* P(|T| <= t) for Student's t with @df degrees of freedom. */
static double t_central(double t, double df)
{
	return 1 - betai(df / 2, 0.5, df / (df + t * t));
}

double rt_student_t(double confidence, double df)
{
	double p = confidence / 100, lo = 0, hi = 1e6;
	int i;

	if (!(p > 0 && p < 1) || !(df > 0))
		return NAN;
	for (i = 0; i < 200; i++) {
		double mid = (lo + hi) / 2;

		if (t_central(mid, df) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

static double mean_var(const double *v, size_t n, double *var)
{
	double m = 0, ss = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m += v[i];
	m /= n;
	for (i = 0; i < n; i++)
		ss += (v[i] - m) * (v[i] - m);
	*var = n > 1 ? ss / (n - 1) : 0;
	return m;
}

void rt_diff_student(const double *a, size_t na, const double *b, size_t nb,
		     double confidence, struct rt_diff *d)
{
	double va, vb, df;

	memset(d, 0, sizeof(*d));
	d->na = na;
	d->nb = nb;
	d->confidence = confidence;
	if (na < 2 || nb < 2)
		return;
	d->mean_a = mean_var(a, na, &va);
	d->mean_b = mean_var(b, nb, &vb);
	df = (double)(na + nb - 2);
	d->pooled_s = sqrt(((na - 1) * va + (nb - 1) * vb) / df);
	d->diff = d->mean_b - d->mean_a;
	d->half = rt_student_t(confidence, df) * d->pooled_s *
		  sqrt(1.0 / na + 1.0 / nb);
	d->valid = isfinite(d->half) && isfinite(d->diff);
	d->proven = d->valid && fabs(d->diff) > d->half;
}
